namespace CrossSdk.Planning;

/// <summary>Where a CrossPackage comes from.</summary>
internal enum PackageKind
{
    /// <summary>A callPackage-style file (native/greet.nix, or a folder's default.nix).</summary>
    File,

    /// <summary>A nixpkgs attribute path (zlib, xorg.libX11), shipped as-is.</summary>
    Attribute,
}
