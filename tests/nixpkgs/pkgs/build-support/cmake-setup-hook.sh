# nixpkgs' cmake setup hook: configure in a build folder (cmakeBuildDir, default build) with the
# install prefix, a Release build, the compilers and ar/ranlib/strip of the stdenv (CC, CXX, AR,
# RANLIB, STRIP: the host platform's, target-prefixed in a cross build, where mkDerivation has
# put CMAKE_SYSTEM_NAME and CMAKE_SYSTEM_PROCESSOR into cmakeFlags), then cmakeFlags. The
# build and install phases stay make's, or ninja's when ninja is in nativeBuildInputs.
addCMakeParams() {
  # nixpkgs' own cmake reads NIXPKGS_CMAKE_PREFIX_PATH; Debian's reads CMAKE_PREFIX_PATH, which
  # find_package and find_library search the same way.
  addToSearchPath CMAKE_PREFIX_PATH "$1"
}
cmakeConfigurePhase() {
  runHook preConfigure
  : "${cmakeBuildDir:=build}"
  if [ -z "${dontUseCmakeBuildDir-}" ]; then
    mkdir -p "$cmakeBuildDir"
    cd "$cmakeBuildDir"
    : "${cmakeDir:=..}"
  else
    : "${cmakeDir:=.}"
  fi
  local flags=(
    "-DCMAKE_C_COMPILER=$CC"
    "-DCMAKE_CXX_COMPILER=$CXX"
    # CMake takes ar, ranlib and strip relative to the source folder unless they are absolute.
    "-DCMAKE_AR=$(command -v "$AR")"
    "-DCMAKE_RANLIB=$(command -v "$RANLIB")"
    "-DCMAKE_STRIP=$(command -v "$STRIP")"
    "-DCMAKE_INSTALL_LIBDIR=$prefix/lib"
    "-DCMAKE_INSTALL_BINDIR=$prefix/bin"
    "-DCMAKE_INSTALL_INCLUDEDIR=$prefix/include"
    "-DCMAKE_BUILD_TYPE=${cmakeBuildType:-Release}"
    "-DCMAKE_EXPORT_NO_PACKAGE_REGISTRY=ON"
    "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"
    "-DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF"
  )
  # A Windows host (mkDerivation has put CMAKE_SYSTEM_NAME=Windows into cmakeFlags): its resource
  # compiler, for the .rc files of libraries that embed version information.
  if [ -n "${WINDRES-}" ]; then flags+=("-DCMAKE_RC_COMPILER=$(command -v "$WINDRES")"); fi
  if [ -z "${dontAddPrefix-}" ]; then flags+=("-DCMAKE_INSTALL_PREFIX=$prefix"); fi
  if [ -z "${doCheck-}" ]; then flags+=("-DBUILD_TESTING=OFF"); fi
  if [ "${buildPhase-}" = ninjaBuildPhase ]; then flags+=("-GNinja"); fi
  # shellcheck disable=SC2206 # cmakeFlags is a word list, as in nixpkgs
  flags+=(${cmakeFlags:-} "${cmakeFlagsArray[@]}")
  echo "cmake flags: ${flags[*]}"
  cmake "$cmakeDir" "${flags[@]}"
  export CMAKE_BUILD_PARALLEL_LEVEL="$NIX_BUILD_CORES"
  runHook postConfigure
}
if [ -z "${dontUseCmakeConfigure-}" ] && [ -z "${configurePhase-}" ]; then
  configurePhase=cmakeConfigurePhase
fi
addEnvHooks "$targetOffset" addCMakeParams
