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

    /// <summary>The facts of its CPU (<see cref="Cpus"/>): emulator, standard interpreter, which hosts run it directly.</summary>
    internal Cpu Cpu => Cpus.ForNixSystem(NixSystem) ?? throw new InvalidOperationException($"No CPU row for {NixSystem}.");

    /// <summary>The ELF interpreter of programs on an ordinary distribution of this target, or null when none is known.</summary>
    public string? StandardInterpreter => IsMusl ? Cpu.MuslInterpreter : Cpu.GlibcInterpreter;

    public override string ToString() => $"{NixSystem}{(IsMusl ? " (musl)" : "")}";
}
