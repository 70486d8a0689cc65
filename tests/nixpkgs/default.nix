# A nixpkgs-shaped package set for CrossSdk's offline tests.
#
# These machines reach no binary cache and have no nixpkgs, so this file offers the slice of the
# nixpkgs API that CrossSdk's generated expressions and ordinary package files use:
#
#   import ./. { localSystem ? , system ? , crossSystem ? , overlays ? , config ? }
#   pkgs.callPackage, pkgs.pkgsCross.<name>, pkgs.pkgsMusl, pkgs.stdenv.mkDerivation, pkgs.stdenv.cc,
#   stdenv.{hostPlatform,buildPlatform}.{system,config}, pkgs.lib, pkgs.buildPackages,
#   the build helpers cmake, autoreconfHook, pkg-config, meson, ninja (pkgs/build-support: setup
#   hooks with nixpkgs' variables and defaults over Debian's tools)
#
# Cross stdenvs wrap Debian's cross compilers (gcc-aarch64-linux-gnu, ...), installed by
# eng/setup-host.sh. Nothing in CrossSdk special-cases this set: its expressions must work
# against real nixpkgs, and the package files of the samples are written in nixpkgs' own idiom.
{ localSystem ? { system = args.system or builtins.currentSystem; }
, system ? null # legacy alias of localSystem.system, as in nixpkgs
, crossSystem ? null
, overlays ? [ ]
, config ? { }
, ...
}@args:

let
  lib = import ./lib;

  buildPlatform = lib.systems.elaborate localSystem;
  hostPlatform =
    if crossSystem == null then buildPlatform else lib.systems.elaborate crossSystem;
  isCross = hostPlatform.config != buildPlatform.config;

  # nixpkgs builds the package set as a fixed point of overlays; so does this.
  base = self: import ./pkgs {
    inherit lib self buildPlatform hostPlatform isCross config;
    nixpkgsArgs = { inherit localSystem overlays config; };
    nixpkgsFun = newArgs: import ./. newArgs;
  };
  applyOverlay = super: overlay: self: super self // overlay self (super self);
in
lib.fix (lib.foldl' applyOverlay base overlays)
