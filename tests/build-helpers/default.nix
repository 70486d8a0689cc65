# The tiny projects of the build-helper tests, each built natively, cross (aarch64) and emulated
# (aarch64 under QEMU): nix-build tests/build-helpers -A cmake.cross
{ nixpkgs ? ../nixpkgs, emulatedSystem ? "aarch64-linux" }:
let
  native = import nixpkgs { };
  strategies = {
    inherit native;
    cross = native.pkgsCross.aarch64-multiplatform;
    emulated = import nixpkgs { localSystem = emulatedSystem; };
  };
  # The project's folder and the shared program source, as one source tree.
  source = name: builtins.path { name = "${name}-source"; path = ./. + "/${name}"; };
  project = name: builtins.mapAttrs
    (_: pkgs: pkgs.callPackage (./. + "/${name}/package.nix") { src = source name; crc = ./crc.c; })
    strategies;
in
{
  cmake = project "cmake";
  autotools = project "autotools";
  pkg-config = project "pkg-config";
  meson = project "meson";
  # The hooks' opt-outs, on the build machine only (they are the same shell code everywhere).
  overrides = { native = (project "overrides").native; };
}
