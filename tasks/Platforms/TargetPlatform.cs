namespace CrossSdk.Platforms;

/// <summary>
/// One target, in every spelling users and tools give it: the Nix system, the nixpkgs
/// <c>pkgsCross</c> attribute (null for a triple nixpkgs has no example for), the GNU config
/// triple nixpkgs uses, and the .NET RID. A Linux target's files are ELF (<see cref="Elf"/>); a
/// Windows target's are PE DLLs (<see cref="PeMachine"/>), built with MinGW; its Elf is its CPU's,
/// which no Windows file is checked against.
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

    /// <summary>A Windows target (nixpkgs' hostPlatform.isWindows): its C library is a Windows C runtime.</summary>
    public bool IsWindows => Libc is Libc.Msvcrt or Libc.Ucrt;

    /// <summary>The facts of its CPU (<see cref="Cpus"/>): emulator, standard interpreter, which hosts run it directly.</summary>
    internal Cpu Cpu => Cpus.ForNixSystem(NixSystem) ?? throw new InvalidOperationException($"No CPU row for {NixSystem}.");

    /// <summary>The COFF machine of a Windows target's DLLs; null for a Linux target.</summary>
    public ushort? PeMachine => IsWindows ? Cpu.PeMachine : null;

    /// <summary>The ELF interpreter of programs on an ordinary distribution of this target, or null when none is known (or the target is Windows).</summary>
    public string? StandardInterpreter => Libc switch
    {
        Libc.Musl => Cpu.MuslInterpreter,
        Libc.Glibc => Cpu.GlibcInterpreter,
        _ => null,
    };

    /// <summary>" (musl)" or " (ucrt)" for the C library that is not its system's default; "" otherwise.</summary>
    public string LibcNote => Libc switch
    {
        Libc.Musl => " (musl)",
        Libc.Ucrt => " (ucrt)",
        _ => "",
    };

    public override string ToString() => $"{NixSystem}{LibcNote}";
}
