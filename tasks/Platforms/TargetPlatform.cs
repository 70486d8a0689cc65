namespace CrossSdk.Platforms;

/// <summary>
/// One Linux target, in every spelling users and tools give it: the Nix system, the nixpkgs
/// <c>pkgsCross</c> attribute (null for a triple nixpkgs has no example for), the GNU config
/// triple nixpkgs uses, and the .NET RID.
/// </summary>
internal sealed record TargetPlatform(
    string NixSystem,
    string? PkgsCross,
    string Config,
    string Rid,
    Libc Libc,
    ElfIdentity Elf)
{
    public bool IsMusl => Libc == Libc.Musl;

    public override string ToString() => $"{NixSystem}{(IsMusl ? " (musl)" : "")}";
}
