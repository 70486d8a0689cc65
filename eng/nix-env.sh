# Sourced by build.sh: Nix settings for this machine's offline builds and tests.
#   substituters =          no binary cache can be reached here; do not spend ~5 s per build trying
#   build-users-group =     Debian's nix-bin creates no nixbld users; root builds as itself
#   extra-sandbox-paths     the offline package set wraps Debian's compilers from /usr
#   sandbox = relaxed       its emulated derivations (__noChroot) enter a Debian target root,
#                           which takes chroot and mounts; all others stay sandboxed
# Users with a normal Nix installation need none of this.
export NIX_CONFIG="substituters =
build-users-group =
extra-sandbox-paths = /bin /usr /lib /lib64 /etc/alternatives
sandbox = relaxed"
