# Builds the win-dll-link setup hook (./win-dll-link.sh) as a package whose nix-support/setup-hook it is.
# shellcheck disable=SC2154 # hook and out come from the derivation
/usr/bin/mkdir -p "$out/nix-support"
/usr/bin/cp "$hook" "$out/nix-support/setup-hook"
