#!/bin/bash
# nixpkgs' pkg-config searches only the paths its setup hook collected from the dependencies
# (PKG_CONFIG_PATH), never the build machine's /usr/lib/.../pkgconfig: that would hand a cross
# build the build machine's libraries.
export PKG_CONFIG_LIBDIR=
exec /usr/bin/pkgconf "$@"
