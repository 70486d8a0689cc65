{ stdenv, meson, ninja, src, hello, rc }:
stdenv.mkDerivation {
  pname = "hello-meson";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${hello} hello.c; cp ${rc} version.rc";
  nativeBuildInputs = [ meson ninja ];
}
