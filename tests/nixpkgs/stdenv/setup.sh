# The generic builder of mkDerivation: nixpkgs' phases, hooks and defaults, in small.
# https://nixos.org/manual/nixpkgs/stable/#sec-stdenv-phases
set -eo pipefail
export PATH="${cc:+$cc/bin:}/usr/bin:/bin"
export NIX_BUILD_CORES="${NIX_BUILD_CORES:-1}"
[ "$NIX_BUILD_CORES" = 0 ] && NIX_BUILD_CORES=$(nproc)
export HOME=/homeless-shelter
export SOURCE_DATE_EPOCH=315532800
outputs="${outputs:-out}"

: "${prefix:=$out}"

# nixpkgs' helpers for setup hooks (a dependency's nix-support/setup-hook, sourced below).
addToSearchPath() { [ -d "$2" ] && export "$1=${!1:+${!1}:}$2"; return 0; }
# An env hook runs once for each dependency of the host platform (buildInputs): nixpkgs calls
# them for the dependencies at the hook's target offset, which for a tool in nativeBuildInputs
# (cmake, pkg-config) are the host platform's libraries.
declare -a envHostHooks=()
addEnvHooks() { shift; envHostHooks+=("$@"); }
hostOffset=-1 targetOffset=0

for input in $nativeBuildInputs $buildInputs $propagatedBuildInputs; do
  [ -d "$input/bin" ] && PATH="$input/bin:$PATH"
  [ -d "$input/include" ] && NIX_CFLAGS_COMPILE="$NIX_CFLAGS_COMPILE -isystem $input/include"
  [ -d "$input/lib" ] && NIX_LDFLAGS="$NIX_LDFLAGS -L$input/lib -Wl,-rpath,$input/lib"
done
export NIX_CFLAGS_COMPILE NIX_LDFLAGS

for input in $nativeBuildInputs $buildInputs $propagatedBuildInputs; do
  # shellcheck disable=SC1091
  if [ -f "$input/nix-support/setup-hook" ]; then source "$input/nix-support/setup-hook"; fi
done
for input in $buildInputs $propagatedBuildInputs; do
  for hook in "${envHostHooks[@]}"; do "$hook" "$input"; done
done

# As nixpkgs' runHook: the attribute (preConfigure = "...") first, then the functions setup
# hooks added to the array of that name (preConfigureHooks+=(f)).
runHook() {
  local hook="$1" f
  if [ -n "${!hook:-}" ]; then eval "${!hook}"; fi
  local hooks="${hook}Hooks[@]"
  for f in ${!hooks+"${!hooks}"}; do eval "$f"; done
}

unpackPhase() {
  runHook preUnpack
  if [ -z "${src:-}" ]; then echo "no src" >&2; return 1; fi
  if [ -d "$src" ]; then
    sourceRoot=source
    cp -r "$src" "$sourceRoot"
    chmod -R u+w "$sourceRoot"
  else
    tar xf "$src"
    sourceRoot=$(find . -mindepth 1 -maxdepth 1 -type d | head -n 1)
  fi
  cd "$sourceRoot"
  runHook postUnpack
}

patchPhase() {
  runHook prePatch
  for p in ${patches:-}; do patch -p1 < "$p"; done
  runHook postPatch
}

configurePhase() {
  runHook preConfigure
  if [ -x ./configure ]; then
    # Like nixpkgs: --build/--host for cross builds, unless configurePlatforms says otherwise
    # (zlib's configure is not autoconf and sets configurePlatforms = [ ]).
    local platformFlags=""
    if [ -n "${crossBuild:-}" ]; then
      if [ -z "${configurePlatforms+set}" ]; then configurePlatforms="build host"; fi
      for p in $configurePlatforms; do
        case $p in build) platformFlags="$platformFlags --build=$buildConfig" ;; host) platformFlags="$platformFlags --host=$hostConfig" ;; esac
      done
    fi
    ./configure --prefix="$out" $platformFlags ${configureFlags:-}
  fi
  runHook postConfigure
}

buildPhase() {
  runHook preBuild
  if [ -f Makefile ] || [ -f makefile ]; then
    make -j"$NIX_BUILD_CORES" SHELL=/bin/bash ${makeFlags:-} ${buildFlags:-}
  fi
  runHook postBuild
}

checkPhase() {
  runHook preCheck
  if [ -f Makefile ]; then make ${makeFlags:-} ${checkTarget:-check}; fi
  runHook postCheck
}

installPhase() {
  runHook preInstall
  if [ -f Makefile ] || [ -f makefile ]; then
    make SHELL=/bin/bash ${makeFlags:-} ${installFlags:-} ${installTargets:-install}
  fi
  runHook postInstall
}

fixupPhase() {
  runHook preFixup
  if [ -z "${dontStrip:-}" ]; then
    for o in $outputs; do
      for f in "${!o}"/lib/*.so* "${!o}"/bin/*; do
        [ -f "$f" ] && [ ! -L "$f" ] && head -c4 "$f" | grep -q ELF && $STRIP -S "$f" || true
        # A Windows host's DLLs and programs are PE files ("MZ"), stripped as nixpkgs strips them.
        if [ -n "${hostIsWindows:-}" ] && [ -f "$f" ] && [ ! -L "$f" ] && [ "$(head -c2 "$f")" = MZ ]; then $STRIP -S "$f"; fi
      done
    done
  fi
  runHook postFixup
}

genericBuild() {
  if [ -n "${buildCommand:-}" ]; then eval "$buildCommand"; return; fi
  # Setup hooks add phases in nixpkgs' slots (autoreconfHook: preConfigurePhases).
  local phases="${phases:-${prePhases:-} unpackPhase patchPhase ${preConfigurePhases:-} configurePhase ${preBuildPhases:-} buildPhase checkPhase ${preInstallPhases:-} installPhase ${preFixupPhases:-} fixupPhase ${postPhases:-}}"
  for phase in $phases; do
    case $phase in
      unpackPhase) [ -n "${dontUnpack:-}" ] && continue ;;
      configurePhase) [ -n "${dontConfigure:-}" ] && continue ;;
      buildPhase) [ -n "${dontBuild:-}" ] && continue ;;
      checkPhase) [ -z "${doCheck:-}" ] && continue ;;
      installPhase) [ -n "${dontInstall:-}" ] && continue ;;
      fixupPhase) [ -n "${dontFixup:-}" ] && continue ;;
    esac
    echo "Running phase: $phase"
    # A phase given as an attribute (buildPhase = "...") overrides the default function.
    if [ -n "${!phase:-}" ]; then eval "${!phase}"; else "$phase"; fi
  done
}

genericBuild
