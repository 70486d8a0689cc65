# ICU for the package set's platform, offline: the libicu of the Debian target root of that
# architecture (eng/setup-host.sh installs it), imported into the store at evaluation.
{ lib, stdenv }:
let
  platform = stdenv.hostPlatform;
  prefix = platform.debianPrefix or null;
  multiarch = if prefix == null then "none" else builtins.substring 0 (builtins.stringLength prefix - 1) prefix;
  root = (import ../stdenv/emulated.nix { inherit lib platform; }).root;
  dir = /. + "${root}/usr/lib/${multiarch}";
  libs = builtins.path {
    name = "libicu-debian-${platform.config}";
    path = dir;
    filter = path: type: builtins.match "libicu(uc|i18n|data)[.]so.*" (baseNameOf path) != null;
  };
in
if !(builtins.pathExists (dir + "/libicuuc.so.72") || builtins.pathExists (dir + "/libicuuc.so.76"))
then throw "offline nixpkgs: no libicu in the ${platform.system} target root (${root}); run eng/setup-host.sh"
else derivation {
  name = "icu-debian-${platform.config}";
  system = builtins.currentSystem;
  builder = "/bin/bash";
  # (a script file, not `bash -c`: build-support/command-builder.sh says why)
  args = [ "-e" ./build-support/command-builder.sh ];
  PATH = "/usr/bin:/bin";
  inherit libs;
  # lib/ is a link to the imported libraries: nothing to copy (libicudata alone is ~30 MB).
  buildCommand = "mkdir -p $out && ln -s $libs $out/lib";
}
