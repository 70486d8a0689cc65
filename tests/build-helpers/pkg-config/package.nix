# A plain Makefile that asks $PKG_CONFIG how to use zlib.
{ stdenv, pkg-config, zlib, src, crc }:
stdenv.mkDerivation {
  pname = "crc-pkg-config";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${crc} crc.c";
  nativeBuildInputs = [ pkg-config ];
  buildInputs = [ zlib ];
  makeFlags = [ "PREFIX=${placeholder "out"}" ];
}
