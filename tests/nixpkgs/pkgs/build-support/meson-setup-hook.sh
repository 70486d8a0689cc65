# nixpkgs' meson setup hook: `meson setup build` with the install prefix, buildtype plain, every
# auto feature enabled, no wrap downloads, mesonFlags, and for a cross build the cross file of
# the host platform; then build, check and install in the build folder (with ninja's hook).
# Meson's install drops run paths it thinks it added for the build tree, among them the lib folder
# of a pkg-config dependency, which the cc wrapper had put there; run paths it finds in LDFLAGS
# it keeps. nixpkgs' linker wrapper keeps them another way; here LDFLAGS names them.
mesonKeepRunPath() {
  if [ -d "$1/lib" ]; then export LDFLAGS="${LDFLAGS:+$LDFLAGS }-Wl,-rpath,$1/lib"; fi
}
addEnvHooks "$targetOffset" mesonKeepRunPath

mesonConfigurePhase() {
  runHook preConfigure
  : "${mesonBuildDir:=build}"
  local flags=()
  if [ -z "${dontAddPrefix-}" ]; then flags+=("--prefix=$prefix"); fi
  flags+=(
    "--libdir=$prefix/lib"
    "--includedir=$prefix/include"
    "-Dauto_features=${mesonAutoFeatures:-enabled}"
    "-Dwrap_mode=${mesonWrapMode:-nodownload}"
    "--buildtype=${mesonBuildType:-plain}"
  )
  if [ -n "@crossFile@" ]; then flags+=("--cross-file=@crossFile@"); fi
  # shellcheck disable=SC2206 # mesonFlags is a word list, as in nixpkgs
  flags+=(${mesonFlags:-} "${mesonFlagsArray[@]}")
  echo "meson flags: ${flags[*]}"
  meson setup "$mesonBuildDir" "${flags[@]}"
  cd "$mesonBuildDir"
  if [ "${installPhase-ninjaInstallPhase}" = ninjaInstallPhase ] && [ -z "${dontUseMesonInstall-}" ]; then
    installPhase=mesonInstallPhase
  fi
  runHook postConfigure
}
mesonInstallPhase() {
  runHook preInstall
  # shellcheck disable=SC2086
  meson install --no-rebuild ${mesonInstallFlags:-}
  runHook postInstall
}
if [ -z "${dontUseMesonConfigure-}" ] && [ -z "${configurePhase-}" ]; then
  configurePhase=mesonConfigurePhase
fi
