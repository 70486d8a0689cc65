# zlib as nixpkgs builds it (pkgs/development/libraries/zlib), from Debian's source package,
# which eng/setup-host.sh unpacks under CROSSSDK_SOURCES (apt-get source zlib).
{ lib, stdenv, debianSource }:

stdenv.mkDerivation {
  pname = "zlib";
  version = "1.2.13";

  src = debianSource "zlib-1.2.13.dfsg";

  outputs = [ "out" "dev" ];

  # zlib's configure is not autoconf: no --build/--host; it reads CHOST for cross builds.
  configurePlatforms = [ ];
  preConfigure = lib.optionalString stdenv.isCross ''
    export CHOST=${stdenv.hostPlatform.config}
  '';

  # The headers and pkg-config file go to dev, the libraries stay in out.
  postInstall = ''
    mkdir -p "$dev"
    mv "$out/include" "$dev/include"
    mkdir -p "$dev/lib"
    mv "$out/lib/pkgconfig" "$dev/lib/pkgconfig"
  '';

  meta = {
    description = "Lossless data-compression library";
    license = lib.licenses.zlib;
    platforms = lib.platforms.all;
  };
}
