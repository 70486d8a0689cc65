# libhello for any platform, in nixpkgs' idiom.
{ lib, stdenv }:

stdenv.mkDerivation {
  pname = "hello-native";
  version = "1.0.0";
  src = ./.;

  buildPhase = ''
    $CC -O2 -fPIC -shared -Wl,-soname,libhello.so -o libhello.so hello.c
  '';

  installPhase = ''
    mkdir -p $out/lib
    cp libhello.so $out/lib/
  '';

  meta.license = lib.licenses.mit;
}
