# The setup hook of nixpkgs' pkg-config wrapper: the .pc folders of the host platform's
# dependencies (buildInputs) go to PKG_CONFIG_PATH, and PKG_CONFIG names the wrapper for the host
# platform, which configure (PKG_PROG_PKG_CONFIG), CMake (FindPkgConfig) and Meson all use.
pkgConfigWrapper_addPkgConfigPath() {
  addToSearchPath PKG_CONFIG_PATH "$1/lib/pkgconfig"
  addToSearchPath PKG_CONFIG_PATH "$1/share/pkgconfig"
}
addEnvHooks "$targetOffset" pkgConfigWrapper_addPkgConfigPath
export PKG_CONFIG=@targetPrefix@pkg-config
