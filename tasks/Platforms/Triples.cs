namespace CrossSdk.Platforms;

/// <summary>
/// GNU config triples beyond the catalog (cpu-vendor-linux-abi): anything nixpkgs can describe
/// with <c>crossSystem = { config = "..."; }</c>. Pure.
/// </summary>
internal static class Triples
{
    /// <summary>CPU -> (Nix system cpu, ELF identity, .NET RID architecture or null).</summary>
    private static readonly Dictionary<string, (string NixCpu, ElfIdentity Elf, string? RidArch)> Cpus = new(StringComparer.Ordinal)
    {
        ["x86_64"] = ("x86_64", new(ElfMachines.X86_64, true, true), "x64"),
        ["i686"] = ("i686", new(ElfMachines.X86, false, true), "x86"),
        ["aarch64"] = ("aarch64", new(ElfMachines.AArch64, true, true), "arm64"),
        ["aarch64_be"] = ("aarch64_be", new(ElfMachines.AArch64, true, false), null),
        ["armv7l"] = ("armv7l", new(ElfMachines.Arm, false, true, ArmHardFloat: true), "arm"),
        ["armv6l"] = ("armv6l", new(ElfMachines.Arm, false, true, ArmHardFloat: true), "armv6"),
        ["riscv64"] = ("riscv64", new(ElfMachines.RiscV, true, true), "riscv64"),
        ["riscv32"] = ("riscv32", new(ElfMachines.RiscV, false, true), null),
        ["powerpc64le"] = ("powerpc64le", new(ElfMachines.PowerPC64, true, true), "ppc64le"),
        ["powerpc64"] = ("powerpc64", new(ElfMachines.PowerPC64, true, false), null),
        ["s390x"] = ("s390x", new(ElfMachines.S390, true, false), "s390x"),
        ["loongarch64"] = ("loongarch64", new(ElfMachines.LoongArch, true, true), "loongarch64"),
        ["mips64el"] = ("mips64el", new(8, true, true), null),
        ["mipsel"] = ("mipsel", new(8, false, true), null),
    };

    /// <summary>A target for a Linux triple, or null when the spelling is not one. Rid is empty when .NET has none.</summary>
    public static TargetPlatform? TryParse(string spelling)
    {
        var parts = spelling.Trim().Split('-');
        // Each part of a triple is a plain word: anything else is not a triple (and would reach
        // crossSystem.config and messages).
        if (parts.Length is < 3 or > 4 || !Cpus.TryGetValue(parts[0], out var cpu)
            || !parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')))
        {
            return null;
        }

        var (os, abi) = parts.Length == 4 ? (parts[2], parts[3]) : (parts[1], parts[2]);
        if (os != "linux" || !(abi.StartsWith("gnu", StringComparison.Ordinal) || abi.StartsWith("musl", StringComparison.Ordinal)))
        {
            return null;
        }

        var libc = abi.StartsWith("musl", StringComparison.Ordinal) ? Libc.Musl : Libc.Glibc;
        var config = parts.Length == 4 ? spelling.Trim() : $"{parts[0]}-unknown-{parts[1]}-{parts[2]}";
        var elf = cpu.Elf.Machine == ElfMachines.Arm ? cpu.Elf with { ArmHardFloat = abi.EndsWith("hf", StringComparison.Ordinal) } : cpu.Elf;
        var rid = cpu.RidArch is null ? null : libc == Libc.Musl ? $"linux-musl-{cpu.RidArch}" : $"linux-{cpu.RidArch}";
        return new TargetPlatform($"{cpu.NixCpu}-linux", null, config, rid ?? "", libc, elf);
    }
}
