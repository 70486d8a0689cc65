# The builder of this package set's plain derivations (runCommand, icu, the runtime libraries,
# patchelf): `bash -e command-builder.sh` runs their $buildCommand, as nixpkgs' stdenv runs a
# builder from a script file. Never `bash -c "$script"`:
#
# Nix takes EOF on a builder's log as the builder's end and then SIGKILLs its process group
# "just to be sure" (2.8: LocalDerivationGoal::getChildStatus, `pid.kill()`; still so in later
# versions). `bash -c` execs its last command in place of the shell, and GNU coreutils (ln, cp,
# mkdir, ...) close stdout and stderr themselves just before they exit (gnulib's close_stdout).
# Once the builder is that program, its close is the log's EOF, and Nix's SIGKILL can land
# between the close and the exit: the build fails "due to signal 9 (Killed)" after doing all of
# its work, on the first build of a derivation only (NixOS/nix#2176). A shell that runs a script
# file waits for each command and exits itself, so the log stays open until the builder is gone.
# OfflinePackageSetTests checks that no derivation of the offline package sets runs `sh -c`.
eval "$buildCommand"
