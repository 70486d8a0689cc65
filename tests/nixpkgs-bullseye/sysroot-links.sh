# Links to the root's libraries for the absolute symlinks of its -dev packages
# (usr/lib/<multiarch>/libdl.so -> /lib/<multiarch>/libdl.so.2), resolved inside the root.
mkdir -p "$out/lib"
for dir in "$root/usr/lib/aarch64-linux-gnu" "$root/lib/aarch64-linux-gnu"; do
  [ -d "$dir" ] || continue
  for link in "$dir"/*.so; do
    [ -L "$link" ] || continue
    target="$(readlink "$link")"
    case $target in
      /*) [ -e "$out/lib/${link##*/}" ] || ln -s "$root$target" "$out/lib/${link##*/}" ;;
    esac
  done
done
