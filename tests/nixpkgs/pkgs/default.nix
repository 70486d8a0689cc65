# The top level of the package set: what `import nixpkgs { ... }` returns.
{ lib, self, buildPlatform, hostPlatform, isCross, config, nixpkgsArgs, nixpkgsFun }:
let
  stdenvWith = cc: import ../stdenv { inherit lib buildPlatform hostPlatform isCross; ccOverride = cc; };
  bootstrap = stdenvWith null;
in
{
  inherit lib config;

  # As in nixpkgs: a cross stdenv takes its compiler from the package set (so an overlay
  # `gcc = self.gcc11;` reaches it), a native or emulated stdenv from its bootstrap stages.
  stdenv = if isCross then stdenvWith self.gcc else bootstrap;

  # stdenv with another compiler (nixpkgs' overrideCC), and the gccNStdenv shorthands.
  overrideCC = stdenv: cc: stdenvWith cc;
  gcc11 = bootstrap.mkCC 11;
  gcc12 = bootstrap.mkCC 12;
  gcc11Stdenv = self.overrideCC self.stdenv self.gcc11;
  gcc12Stdenv = self.overrideCC self.stdenv self.gcc12;
  inherit (bootstrap) hostPlatform buildPlatform;
  system = hostPlatform.system;

  # nixpkgs' callPackage: fills a package function's arguments from the package set.
  callPackage = fn: overrides:
    let
      f = if builtins.isFunction fn then fn else import fn;
      auto = builtins.intersectAttrs (builtins.functionArgs f) self;
    in
    f (auto // overrides);

  gcc = self.gcc12;

  # A source tree from a Debian source package (eng/setup-host.sh unpacks them). The offline
  # stand-in for fetchurl: these machines reach no upstream download site.
  debianSource = name:
    let
      fromEnv = builtins.getEnv "CROSSSDK_SOURCES";
      root = if fromEnv != "" then fromEnv else "/var/cache/crosssdk/sources";
      path = /. + "${root}/${name}";
    in
    if builtins.pathExists path
    then builtins.path { inherit name path; }
    else throw "offline nixpkgs: the Debian source ${name} is missing under ${root}; run eng/setup-host.sh";

  zlib = self.callPackage ./zlib.nix { };
  icu = self.callPackage ./icu.nix { };

  # nixpkgs' runCommand, for the build machine's package set (a script run with the machine's
  # bash, from a script file: build-support/command-builder.sh says why never `bash -c`).
  runCommand = name: env: script:
    if self.stdenv.isEmulated then throw "offline nixpkgs: runCommand runs only on the build machine"
    else derivation (env // {
      inherit name; system = buildPlatform.system; PATH = "/usr/bin:/bin";
      builder = "/bin/bash"; args = [ "-e" ./build-support/command-builder.sh ]; buildCommand = script;
    });

  # Build helpers for nativeBuildInputs: cmake, autoreconfHook, pkg-config, meson, ninja.
  inherit (import ./build-support { inherit lib self hostPlatform isCross; })
    cmake autoreconfHook pkg-config meson ninja;

  # patchelf for the build machine, as nixpkgs has it (CrossSdk rewrites shipped copies with it).
  patchelf = derivation {
    name = "patchelf-0.17.2";
    system = buildPlatform.system;
    builder = "/bin/bash";
    args = [ "-e" ./build-support/command-builder.sh ];
    buildCommand = "/usr/bin/mkdir -p $out/bin && /usr/bin/ln -s /usr/bin/patchelf $out/bin/patchelf && /usr/bin/patchelf --version > $out/version";
  };
  stdenvNoCC = self.stdenv;

  # Packages that run on the build machine (cross) are the native set of the build platform.
  buildPackages =
    if isCross then nixpkgsFun (nixpkgsArgs // { crossSystem = null; }) else self;

  # nixpkgs' pkgsMusl: this package set again with the musl variant of its platform as the local
  # system (an emulated musl build is `(import nixpkgs { localSystem = ...; }).pkgsMusl`). As in
  # nixpkgs, a 32-bit build platform has none. Its compiler is the platform's gcc with the specs
  # of Debian's musl (../stdenv): the host's musl-gcc, or in an emulated root the root's gcc over
  # Debian's musl of that architecture in the store.
  pkgsMusl =
    if isCross then throw "offline nixpkgs: pkgsMusl of a cross package set is not offered here"
    else if !buildPlatform.is64bit then throw "Musl libc only supports 64-bit Linux systems."
    else nixpkgsFun (nixpkgsArgs // {
      localSystem = { config = builtins.replaceStrings [ "-linux-gnu" ] [ "-linux-musl" ] buildPlatform.config; };
      crossSystem = null;
    });

  pkgsCross = builtins.mapAttrs
    (name: crossSystem: nixpkgsFun (nixpkgsArgs // { inherit crossSystem; }))
    lib.systems.examples;
}
