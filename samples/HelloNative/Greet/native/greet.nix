# A package file in nixpkgs' own idiom: `callPackage ./greet.nix { }` builds it for any platform.
{ lib, stdenv }:

stdenv.mkDerivation {
  pname = "greet";
  version = "1.0.0";

  src = ./.;

  makeFlags = [ "PREFIX=${placeholder "out"}" ];

  meta = {
    description = "Tiny C library that the HelloNative sample calls through P/Invoke";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux ++ lib.platforms.windows;
  };
}
