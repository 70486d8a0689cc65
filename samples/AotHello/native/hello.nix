# libhello for any platform, in nixpkgs' idiom.
{ lib, stdenv }:

stdenv.mkDerivation {
  pname = "hello-native";
  version = "1.0.0";
  src = ./.;

  # Both kinds: the shared library ships beside the app; the static one is for Link="static".
  buildPhase = ''
    $CC -O2 -fPIC -c hello.c -o hello.o
    $CC -shared -Wl,-soname,libhello.so -o libhello.so hello.o
    $AR rcs libhello.a hello.o
  '';

  installPhase = ''
    mkdir -p $out/lib
    cp libhello.so libhello.a $out/lib/
  '';

  meta.license = lib.licenses.mit;
}
