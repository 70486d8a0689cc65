# libspng as nixpkgs builds it (pkgs/by-name/li/libspng): Meson, and zlib (a nixpkgs attribute)
# found through pkg-config, for the host platform.
{ lib, stdenv, meson, ninja, pkg-config, zlib, debianSource }:

stdenv.mkDerivation {
  pname = "libspng";
  version = "0.7.3";

  src = debianSource "libspng-0.7.3";

  nativeBuildInputs = [ meson ninja pkg-config ];
  buildInputs = [ zlib ];

  mesonFlags = [ "-Dbuild_examples=false" ];

  meta = {
    description = "Simple, modern libpng alternative";
    license = lib.licenses.bsd2;
    platforms = lib.platforms.linux ++ lib.platforms.windows;
  };
}
