# Only configure.ac and Makefile.am, as in a git tree: autoreconfHook makes configure.
{ stdenv, autoreconfHook, pkg-config, zlib, src, crc }:
stdenv.mkDerivation {
  pname = "crc-autotools";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${crc} crc.c";
  nativeBuildInputs = [ autoreconfHook pkg-config ];
  buildInputs = [ zlib ];
}
