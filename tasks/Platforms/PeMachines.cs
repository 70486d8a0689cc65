namespace CrossSdk.Platforms;

/// <summary>
/// The IMAGE_FILE_MACHINE_* values of a PE file's COFF header (Microsoft's PE format
/// specification, "Machine Types"), for the CPUs CrossSdk builds Windows code for.
/// </summary>
internal static class PeMachines
{
    public const ushort I386 = 0x014c;
    public const ushort Amd64 = 0x8664;
    public const ushort Arm64 = 0xaa64;
    public const ushort ArmNt = 0x01c4;

    public static string Name(ushort machine) => machine switch
    {
        I386 => "x86 (IMAGE_FILE_MACHINE_I386)",
        Amd64 => "x64 (IMAGE_FILE_MACHINE_AMD64)",
        Arm64 => "arm64 (IMAGE_FILE_MACHINE_ARM64)",
        ArmNt => "arm (IMAGE_FILE_MACHINE_ARMNT)",
        _ => $"machine 0x{machine:x4}",
    };
}
