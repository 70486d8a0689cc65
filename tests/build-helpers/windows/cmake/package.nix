{ stdenv, cmake, src, hello, rc }:
stdenv.mkDerivation {
  pname = "hello-cmake";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${hello} hello.c; cp ${rc} version.rc";
  nativeBuildInputs = [ cmake ];
}
