# stdenv.cc for a platform with gcc.arch (nixpkgs' cc-wrapper puts -march=<gcc.arch> before the
# caller's flags): the wrappers of ./cc-wrapper.sh, with the flag added.
# shellcheck disable=SC1090,SC2154 # baseWrapper and march come from the derivation
source "$baseWrapper"
for tool in cc gcc c++ g++; do
  sed -i "s|\\\$NIX_CFLAGS_COMPILE|-march=$march \\\$NIX_CFLAGS_COMPILE|" "$out/bin/${targetPrefix}$tool"
done
