# "An older nixpkgs" for CrossSdk's offline tests: the package set of ../nixpkgs, except that its
# aarch64 glibc cross stdenv links against Debian 11 (bullseye)'s glibc 2.31 instead of the
# cross gcc's own (Debian 12's glibc 2.36). A real older nixpkgs (nixos-20.09 has glibc 2.31)
# does the same with its own glibc; here a `<CrossTarget Include="aarch64-linux"
# Nixpkgs="tests/nixpkgs-bullseye" />` selects it the same way, and CrossSdk does not know the
# difference.
#
# How: one overlay over ../nixpkgs (it reaches pkgsCross too, which re-imports the set with the
# same overlays). Debian's aarch64 cross gcc stays the compiler; its wrappers add `--sysroot`
# and the search paths of the bullseye arm64 root that eng/setup-host.sh makes
# (CROSSSDK_EMULATION_ROOTS/bullseye-arm64: libc6-dev, libstdc++6, zlib1g-dev). `--sysroot`
# alone is not enough: Debian's cross gcc searches /usr/aarch64-linux-gnu before the sysroot, so
# the root's library and include folders are named first (-L, -isystem, and -B for crt1.o).
# libgcc stays the cross gcc's. Only C: the root has bullseye's libstdc++.so.6 but not its
# headers, so C++ would still compile against gcc 12's libstdc++.
#
# The root lives outside the store and the sandbox: these derivations set __noChroot (the
# tests' nix.conf has sandbox = relaxed, as the emulated stdenvs need).
{ overlays ? [ ], ... }@args:
let
  fromEnv = builtins.getEnv "CROSSSDK_EMULATION_ROOTS";
  roots = if fromEnv != "" then fromEnv else "/var/cache/crosssdk/roots";
  root = "${roots}/bullseye-arm64";
  recipe = /. + "${root}/.crosssdk-recipe";

  bullseye = self: super:
    let
      inherit (super) hostPlatform buildPlatform;
      isCross = hostPlatform.config != buildPlatform.config;
    in
    if isCross && hostPlatform.config == "aarch64-unknown-linux-gnu" then
      let
        # Builds that read the root, which is outside the sandbox.
        noChroot = stdenv: stdenv // {
          mkDerivation = drvArgs: stdenv.mkDerivation (drvArgs // { __noChroot = true; });
        };

        # Debian's -dev packages point libdl.so and friends at /lib/... with absolute symlinks,
        # which dangle outside the root (and `-ldl` would then silently take libdl.a): a folder of
        # links to the same files inside the root, searched first.
        links = derivation {
          name = "bullseye-arm64-sysroot-links";
          system = buildPlatform.system;
          builder = "/bin/bash";
          args = [ "-e" ./sysroot-links.sh ];
          inherit root;
          # A remade root (another recipe) is another sysroot.
          recipe = if builtins.pathExists recipe then builtins.readFile recipe
            else throw "offline nixpkgs-bullseye: the Debian 11 arm64 root is missing (${root}); run eng/setup-host.sh";
          PATH = "/usr/bin:/bin";
          __noChroot = true;
        };

        # The cross compiler wrapper of ../nixpkgs, called with the root as its C library.
        withSysroot = cc: derivation {
          name = "${cc.name}-glibc-2.31";
          system = buildPlatform.system;
          builder = "/bin/bash";
          args = [ "-e" ./sysroot-wrapper.sh ];
          inherit cc root links;
          inherit (cc) targetPrefix;
          multiarch = "aarch64-linux-gnu";
          PATH = "/usr/bin:/bin";
          __noChroot = true;
        } // { inherit (cc) targetPrefix isGNU version; libcVersion = "2.31"; };
      in
      {
        gcc11 = withSysroot super.gcc11;
        gcc12 = withSysroot super.gcc12;
        stdenv = noChroot super.stdenv;
        overrideCC = stdenv: cc: noChroot (super.overrideCC stdenv cc);
      }
    else if !isCross && hostPlatform.system == "aarch64-linux" && hostPlatform.isGnu then
      {
        # The emulated stdenv of ../nixpkgs compiles in a Debian 12 root: glibc 2.36, not this
        # set's. The bullseye root has no compiler, so this set has no emulated aarch64 stdenv.
        stdenv = throw "offline nixpkgs-bullseye: no emulated aarch64-linux stdenv (the Debian 11 root has no gcc); build aarch64-linux with the cross strategy";
      }
    else { };
in
import ../nixpkgs (args // { overlays = [ bullseye ] ++ overlays; })
