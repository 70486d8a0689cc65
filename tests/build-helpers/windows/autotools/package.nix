# Only configure.ac and Makefile.am: autoreconfHook makes configure; libtool names the DLL.
{ stdenv, autoreconfHook, pkg-config, src, hello, rc }:
stdenv.mkDerivation {
  pname = "hello-autotools";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${hello} hello.c";
  nativeBuildInputs = [ autoreconfHook pkg-config ];
}
