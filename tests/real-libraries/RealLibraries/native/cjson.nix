# cJSON as nixpkgs builds it (pkgs/by-name/cj/cjson), from Debian's source package.
{ lib, stdenv, cmake, debianSource }:

stdenv.mkDerivation {
  pname = "cjson";
  version = "1.7.15";

  src = debianSource "cJSON-1.7.15";

  nativeBuildInputs = [ cmake ];

  # cJSON's own test suite is not run here: do not build it.
  cmakeFlags = [ "-DENABLE_CJSON_TEST=OFF" ];

  meta = {
    description = "Ultralightweight JSON parser in ANSI C";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux ++ lib.platforms.windows;
  };
}
