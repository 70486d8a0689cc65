# Debian 12's musl for one architecture (musl and musl-dev:arm64 or :armhf, unpacked by
# eng/setup-host.sh under CROSSSDK_EMULATION_ROOTS/musl-bookworm-<arch>): the loader
# /lib/ld-musl-<arch>.so.1 (a link to lib/<multiarch>/libc.so), headers, crt files, static
# libraries and the musl-gcc.specs Debian's musl-gcc wraps gcc with. Copied into the store (a few
# MB), so what compiles against it stays inside the sandbox and names it as a dependency.
{ hostPlatform }:
let
  fromEnv = builtins.getEnv "CROSSSDK_EMULATION_ROOTS";
  roots = if fromEnv != "" then fromEnv else "/var/cache/crosssdk/roots";
  arch = hostPlatform.debianMusl.debianArch;
  root = "${roots}/musl-bookworm-${arch}";
in
if builtins.pathExists (/. + "${root}/.crosssdk-recipe")
then builtins.path { name = "debian-musl-1.2.3-${arch}"; path = /. + root; }
else throw "offline nixpkgs: Debian's ${arch} musl is missing (${root}); run eng/setup-host.sh"
