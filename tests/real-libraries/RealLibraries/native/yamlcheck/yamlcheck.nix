# A library of this app that needs another of its package files (../libyaml.nix): called as
# nixpkgs calls any file, it is the same derivation as that CrossPackage, and pkg-config finds it
# for the target.
{ lib, stdenv, callPackage, pkg-config }:

let
  libyaml = callPackage ../libyaml.nix { };
in
stdenv.mkDerivation {
  pname = "yamlcheck";
  version = "1.0.0";

  src = ./.;

  nativeBuildInputs = [ pkg-config ];
  buildInputs = [ libyaml ];

  makeFlags = [ "PREFIX=${placeholder "out"}" ];

  meta = {
    description = "Counts the scalars of a YAML document with libyaml";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux;
  };
}
