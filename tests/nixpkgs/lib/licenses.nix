# License metadata as package files write it (`meta.license = lib.licenses.mit;`).
builtins.mapAttrs (spdxId: fullName: { inherit spdxId fullName; free = true; }) {
  mit = "MIT License";
  asl20 = "Apache License 2.0";
  bsd2 = "BSD 2-clause \"Simplified\" License";
  bsd3 = "BSD 3-clause \"New\" or \"Revised\" License";
  gpl2Plus = "GNU General Public License v2.0 or later";
  gpl3Plus = "GNU General Public License v3.0 or later";
  lgpl21Plus = "GNU Lesser General Public License v2.1 or later";
  zlib = "zlib License";
}
