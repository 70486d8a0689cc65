# shellcheck shell=bash
# nixpkgs' pkgs/build-support/setup-hooks/win-dll-link.sh, which nixpkgs' stdenv adds for a Windows
# host: after fixup, each output's bin/ gets a link to every DLL its DLLs and programs import that
# a host dependency (buildInputs) has in bin/, so Windows finds it beside them (it looks in the
# folder of the file that loads it; there is no rpath). Repeated until nothing new is linked, so
# the DLLs those DLLs import are linked too.
_linkDLLs() {
  local o dir f dll input changed
  for o in $outputs; do
    dir="${!o}/bin"
    [ -d "$dir" ] || continue
    changed=1
    while [ -n "$changed" ]; do
      changed=
      for f in "$dir"/*.dll "$dir"/*.exe; do
        [ -e "$f" ] || continue
        for dll in $($OBJDUMP -p "$f" | sed -n 's/^[[:space:]]*DLL Name: \(.*\)$/\1/p' | sort -u); do
          [ -e "$dir/$dll" ] && continue
          for input in $buildInputs $propagatedBuildInputs; do
            if [ -e "$input/bin/$dll" ]; then
              ln -s "$input/bin/$dll" "$dir/$dll"
              changed=1
              break
            fi
          done
        done
      done
    done
  done
}
postFixupHooks+=(_linkDLLs)
