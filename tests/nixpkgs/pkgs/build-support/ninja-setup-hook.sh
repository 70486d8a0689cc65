# nixpkgs' ninja setup hook: build, check and install with ninja unless the package says otherwise.
ninjaBuildPhase() {
  runHook preBuild
  local cores=1
  if [ "${enableParallelBuilding-1}" ]; then cores="$NIX_BUILD_CORES"; fi
  # shellcheck disable=SC2086
  TERM=dumb ninja -j"$cores" ${ninjaFlags:-} ${buildFlags:-}
  runHook postBuild
}
ninjaCheckPhase() {
  runHook preCheck
  # shellcheck disable=SC2086
  TERM=dumb ninja -j"$NIX_BUILD_CORES" ${ninjaFlags:-} ${checkTarget:-test}
  runHook postCheck
}
ninjaInstallPhase() {
  runHook preInstall
  # shellcheck disable=SC2086
  TERM=dumb ninja -j"$NIX_BUILD_CORES" ${ninjaFlags:-} ${installTargets:-install}
  runHook postInstall
}
if [ -z "${dontUseNinjaBuild-}" ] && [ -z "${buildPhase-}" ]; then buildPhase=ninjaBuildPhase; fi
if [ -z "${dontUseNinjaCheck-}" ] && [ -z "${checkPhase-}" ]; then checkPhase=ninjaCheckPhase; fi
if [ -z "${dontUseNinjaInstall-}" ] && [ -z "${installPhase-}" ]; then installPhase=ninjaInstallPhase; fi
