# The part of nixpkgs' lib that package files and CrossSdk's expressions use.
let
  lib = rec {
    fix = f: let x = f x; in x;
    foldl' = builtins.foldl';
    id = x: x;
    mapAttrs = builtins.mapAttrs;
    attrNames = builtins.attrNames;
    optional = cond: elem: if cond then [ elem ] else [ ];
    optionals = cond: elems: if cond then elems else [ ];
    optionalString = cond: s: if cond then s else "";
    optionalAttrs = cond: as: if cond then as else { };
    concatStringsSep = builtins.concatStringsSep;
    concatMapStringsSep = sep: f: list: builtins.concatStringsSep sep (map f list);
    hasPrefix = pref: s: builtins.substring 0 (builtins.stringLength pref) s == pref;
    hasSuffix = suff: s:
      let ls = builtins.stringLength s; lf = builtins.stringLength suff;
      in lf <= ls && builtins.substring (ls - lf) lf s == suff;
    removeAttrs = builtins.removeAttrs;
    filterAttrs = pred: set:
      builtins.listToAttrs (builtins.concatMap
        (name: let v = set.${name}; in if pred name v then [{ inherit name; value = v; }] else [ ])
        (builtins.attrNames set));
    getOutput = output: pkg: if pkg ? ${output} then pkg.${output} else pkg.out or pkg;
    getLib = getOutput "lib";
    getBin = getOutput "bin";
    getDev = getOutput "dev";
    cleanSource = src: builtins.path {
      name = "source";
      path = src;
      filter = path: type:
        let base = baseNameOf path; in
        !(type == "directory" && (base == ".git" || base == "bin" || base == "obj"))
        && !(lib.hasPrefix "result" base);
    };
    licenses = import ./licenses.nix;
    platforms = {
      linux = [ "x86_64-linux" "i686-linux" "aarch64-linux" "armv7l-linux" "armv6l-linux" "riscv64-linux" "powerpc64le-linux" "s390x-linux" "loongarch64-linux" ];
      windows = [ "i686-windows" "x86_64-windows" "aarch64-windows" ];
      all = lib.platforms.linux ++ lib.platforms.windows;
      unix = lib.platforms.linux;
    };
    maintainers = { };
    systems = import ./systems.nix { inherit lib; };
  };
in
lib
