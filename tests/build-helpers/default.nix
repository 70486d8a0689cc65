# The tiny projects of the build-helper tests, each built natively, cross (aarch64) and emulated
# (aarch64 and riscv64 under QEMU, with the tools of their Debian 12 and 13 roots):
# nix-build tests/build-helpers -A cmake.cross
{ nixpkgs ? ../nixpkgs }:
let
  native = import nixpkgs { };
  strategies = {
    inherit native;
    cross = native.pkgsCross.aarch64-multiplatform;
    emulated = import nixpkgs { localSystem = "aarch64-linux"; };
    emulated-riscv64 = import nixpkgs { localSystem = "riscv64-linux"; };
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
