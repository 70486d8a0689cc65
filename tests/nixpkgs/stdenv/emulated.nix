# Running derivations of a foreign system: the builder is the target's static busybox (so Nix
# runs it through binfmt_misc + QEMU), which enters a Debian root of that architecture and runs
# the script there with the root's own bash and gcc.
#
# The roots are made by eng/setup-host.sh (mmdebstrap) under CROSSSDK_EMULATION_ROOTS
# (default /var/cache/crosssdk/roots). Entering a root takes chroot and mounts, which the Nix
# sandbox does not allow its builders: these derivations set __noChroot (nix.conf:
# sandbox = relaxed) and run as root (build-users-group =), in a private mount namespace.
{ lib, platform }:
let
  fromEnv = builtins.getEnv "CROSSSDK_EMULATION_ROOTS";
  roots = if fromEnv != "" then fromEnv else "/var/cache/crosssdk/roots";
  # The Debian root of each emulated system: Debian 12 (bookworm) where it has the architecture,
  # Debian 13 (trixie) for riscv64, which bookworm lacks.
  debian = {
    "aarch64-linux" = { suite = "bookworm"; arch = "arm64"; };
    "armv7l-linux" = { suite = "bookworm"; arch = "armhf"; };
    "riscv64-linux" = { suite = "trixie"; arch = "riscv64"; };
  }.${platform.system} or (throw "offline nixpkgs: no emulated stdenv for ${platform.system}: there is no Debian root for it (only aarch64-linux, armv7l-linux and riscv64-linux)");
  debianArch = debian.arch;
  root = "${roots}/${debian.suite}-${debianArch}";
  rootBin = /. + "${root}/usr/bin";
  # A folder holding only `busybox`: busybox picks its applet from argv[0], which must be
  # named busybox for `busybox sh` to work (a bare store file is named <hash>-<name>).
  busybox =
    if builtins.pathExists (rootBin + "/busybox")
    then builtins.path { name = "busybox-static-${debianArch}"; path = rootBin; filter = path: type: baseNameOf path == "busybox"; }
    else throw "offline nixpkgs: the ${debianArch} target root is missing (${root}); run eng/setup-host.sh";
in
{
  # The Debian root itself (its ICU is the offline set's icu).
  inherit root;

  # The root's default gcc (Debian's gcc package): 12 in bookworm, 14 in trixie.
  gccVersion = { bookworm = 12; trixie = 14; }.${debian.suite};

  attrs = script: {
    system = platform.system;
    builder = "${busybox}/busybox";
    args = [ "sh" "-e" ./emulated-builder.sh ];
    setupScript = script;
    emulationRoot = root;
    __noChroot = true;
  };
}
