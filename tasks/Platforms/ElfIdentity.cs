namespace CrossSdk.Platforms;

/// <summary>What an ELF file built for a target must say in its header.</summary>
/// <param name="Machine">e_machine (EM_AARCH64 = 183, ...).</param>
/// <param name="Is64Bit">EI_CLASS is ELFCLASS64.</param>
/// <param name="IsLittleEndian">EI_DATA is ELFDATA2LSB.</param>
/// <param name="ArmHardFloat">For 32-bit ARM: e_flags carries EF_ARM_ABI_FLOAT_HARD; null elsewhere.</param>
internal sealed record ElfIdentity(ushort Machine, bool Is64Bit, bool IsLittleEndian, bool? ArmHardFloat = null)
{
    public string Describe() =>
        $"{ElfMachines.Name(Machine)} ({(Is64Bit ? "64" : "32")}-bit, {(IsLittleEndian ? "little" : "big")}-endian" +
        (ArmHardFloat is null ? ")" : ArmHardFloat.Value ? ", hard-float)" : ", soft-float)");
}
