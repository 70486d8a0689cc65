namespace CrossSdk.Platforms;

/// <summary>
/// What CrossSdk knows about one CPU architecture, in one row of <see cref="Cpus"/>: a new
/// architecture is one row there (and its RIDs rows in <see cref="PlatformCatalog"/>).
/// </summary>
/// <param name="Name">The CPU part of a GNU triple and of the Nix system (aarch64 in aarch64-linux).</param>
/// <param name="Elf">What its ELF files say in their header.</param>
/// <param name="RidArch">The architecture part of a .NET RID (arm64), or null when .NET has none.</param>
/// <param name="Qemu">The QEMU user emulator's name (qemu-aarch64; Debian's binfmt handler has the same name).</param>
/// <param name="GlibcInterpreter">The ELF interpreter of programs on an ordinary glibc distribution.</param>
/// <param name="MuslInterpreter">The same with musl.</param>
/// <param name="RunsDirectlyOn">Nix systems whose kernels run this CPU's code without emulation (i686 on x86_64).</param>
internal sealed record Cpu(
    string Name,
    ElfIdentity Elf,
    string? RidArch,
    string Qemu,
    string? GlibcInterpreter = null,
    string? MuslInterpreter = null,
    params string[] RunsDirectlyOn)
{
    public string NixSystem => $"{Name}-linux";

    /// <summary>What a Windows PE file for this CPU says in its COFF header (<see cref="PeMachines"/>), or null when CrossSdk builds no Windows code for it.</summary>
    public ushort? PeMachine { get; init; }
}
