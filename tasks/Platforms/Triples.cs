namespace CrossSdk.Platforms;

/// <summary>
/// GNU config triples beyond the catalog (cpu-vendor-linux-abi): anything nixpkgs can describe
/// with <c>crossSystem = { config = "..."; }</c>. Pure.
/// </summary>
internal static class Triples
{
    /// <summary>A target for a Linux triple, or null when the spelling is not one. Rid is empty when .NET has none.</summary>
    public static TargetPlatform? TryParse(string spelling)
    {
        var parts = spelling.Trim().Split('-');
        // Each part of a triple is a plain word: anything else is not a triple (and would reach
        // crossSystem.config and messages).
        if (parts.Length is < 3 or > 4 || Cpus.ByName(parts[0]) is not { } cpu
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
        return new TargetPlatform(cpu.NixSystem, null, config, rid ?? "", libc, elf);
    }
}
