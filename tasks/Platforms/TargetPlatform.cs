namespace CrossSdk.Platforms;

public enum Libc
{
    Glibc,
    Musl,
}

/// <summary>What an ELF file built for a target must say in its header.</summary>
/// <param name="Machine">e_machine (EM_AARCH64 = 183, ...).</param>
/// <param name="Is64Bit">EI_CLASS is ELFCLASS64.</param>
/// <param name="IsLittleEndian">EI_DATA is ELFDATA2LSB.</param>
/// <param name="ArmHardFloat">For 32-bit ARM: e_flags carries EF_ARM_ABI_FLOAT_HARD; null elsewhere.</param>
public sealed record ElfIdentity(ushort Machine, bool Is64Bit, bool IsLittleEndian, bool? ArmHardFloat = null)
{
    public string Describe() =>
        $"{ElfMachines.Name(Machine)} ({(Is64Bit ? "64" : "32")}-bit, {(IsLittleEndian ? "little" : "big")}-endian" +
        (ArmHardFloat is null ? ")" : ArmHardFloat.Value ? ", hard-float)" : ", soft-float)");
}

/// <summary>
/// One Linux target, in every spelling users and tools give it: the Nix system, the nixpkgs
/// <c>pkgsCross</c> attribute (null for a triple nixpkgs has no example for), the GNU config
/// triple nixpkgs uses, and the .NET RID.
/// </summary>
public sealed record TargetPlatform(
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
