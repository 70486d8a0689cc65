# nixpkgs' autoreconfHook: regenerate configure (and Makefile.in, ltmain.sh) before the
# configure phase, for sources from a git tree that has only configure.ac.
preConfigurePhases="${preConfigurePhases:-} autoreconfPhase"
autoreconfPhase() {
  runHook preAutoreconf
  # shellcheck disable=SC2086 # autoreconfFlags is a word list, as in nixpkgs
  autoreconf ${autoreconfFlags:---install --force}
  runHook postAutoreconf
}
