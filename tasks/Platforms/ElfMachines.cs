namespace CrossSdk.Platforms;

/// <summary>ELF e_machine values of the supported targets (from the System V ABI / elf.h).</summary>
internal static class ElfMachines
{
    public const ushort X86 = 3;
    public const ushort S390 = 22;
    public const ushort PowerPC64 = 21;
    public const ushort Arm = 40;
    public const ushort X86_64 = 62;
    public const ushort AArch64 = 183;
    public const ushort RiscV = 243;
    public const ushort LoongArch = 258;

    public static string Name(ushort machine) => machine switch
    {
        X86 => "x86",
        S390 => "s390",
        PowerPC64 => "ppc64",
        Arm => "arm",
        X86_64 => "x86-64",
        AArch64 => "aarch64",
        RiscV => "riscv",
        LoongArch => "loongarch",
        _ => $"machine {machine}",
    };
}
