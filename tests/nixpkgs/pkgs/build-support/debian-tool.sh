# The builder of a Debian tool package (./default.nix): links the tools, fills in the setup hook.
mkdir -p "$out/bin" "$out/nix-support"
for tool in $toolNames; do
  if [ ! -x "/usr/bin/$tool" ]; then
    echo "offline nixpkgs: /usr/bin/$tool is missing on the build platform ($(uname -m)); eng/setup-host.sh installs it (Debian: $debianPackages)" >&2
    exit 1
  fi
  ln -s "/usr/bin/$tool" "$out/bin/$tool"
done
if [ -n "$wrappers" ]; then
  if [ ! -x /usr/bin/pkgconf ]; then
    echo "offline nixpkgs: /usr/bin/pkgconf is missing on the build platform ($(uname -m)); eng/setup-host.sh installs it (Debian: pkgconf)" >&2
    exit 1
  fi
  cp "$wrappers" "$out/bin/${targetPrefix}pkg-config"
  chmod +x "$out/bin/${targetPrefix}pkg-config"
fi
if [ -n "$setupHook" ]; then
  sed -e "s|@targetPrefix@|$targetPrefix|g" -e "s|@crossFile@|$crossFile|g" "$setupHook" > "$out/nix-support/setup-hook"
fi
