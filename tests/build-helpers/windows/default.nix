# The build helpers' Windows cross configuration: a DLL with a resource, built with CMake,
# autotools + libtool and Meson for nixpkgs' mingwW64 and mingw32 (Debian's MinGW-w64 compilers).
# nix-build tests/build-helpers/windows -A cmake.mingwW64
{ nixpkgs ? ../../nixpkgs }:
let
  native = import nixpkgs { };
  source = name: builtins.path { name = "${name}-source"; path = ./. + "/${name}"; };
  project = name: builtins.mapAttrs
    (_: pkgs: pkgs.callPackage (./. + "/${name}/package.nix") { src = source name; hello = ./hello.c; rc = ./version.rc; })
    { inherit (native.pkgsCross) mingwW64 mingw32; };
in
{
  cmake = project "cmake";
  autotools = project "autotools";
  meson = project "meson";
}
