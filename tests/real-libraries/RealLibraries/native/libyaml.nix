# libyaml as nixpkgs builds it (pkgs/by-name/li/libyaml): its source is a git tree with only
# configure.ac, so autoreconfHook makes configure first.
{ lib, stdenv, autoreconfHook, debianSource }:

stdenv.mkDerivation {
  pname = "libyaml";
  version = "0.2.5";

  src = debianSource "libyaml-0.2.5";

  nativeBuildInputs = [ autoreconfHook ];

  meta = {
    description = "YAML 1.1 parser and emitter written in C";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux ++ lib.platforms.windows;
  };
}
