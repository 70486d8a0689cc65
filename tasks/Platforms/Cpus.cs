namespace CrossSdk.Platforms;

/// <summary>The CPU architectures CrossSdk knows (the target table of docs/targets.md), one row each.</summary>
internal static class Cpus
{
    public static IReadOnlyList<Cpu> All { get; } =
    [
        new("x86_64", new(ElfMachines.X86_64, true, true), "x64", "qemu-x86_64", "/lib64/ld-linux-x86-64.so.2", "/lib/ld-musl-x86_64.so.1") { PeMachine = PeMachines.Amd64 },
        new("i686", new(ElfMachines.X86, false, true), "x86", "qemu-i386", "/lib/ld-linux.so.2", "/lib/ld-musl-i386.so.1", "x86_64-linux") { PeMachine = PeMachines.I386 },
        new("aarch64", new(ElfMachines.AArch64, true, true), "arm64", "qemu-aarch64", "/lib/ld-linux-aarch64.so.1", "/lib/ld-musl-aarch64.so.1") { PeMachine = PeMachines.Arm64 },
        new("aarch64_be", new(ElfMachines.AArch64, true, false), null, "qemu-aarch64_be"),
        new("armv7l", new(ElfMachines.Arm, false, true, ArmHardFloat: true), "arm", "qemu-arm", "/lib/ld-linux-armhf.so.3", "/lib/ld-musl-armhf.so.1", "aarch64-linux"),
        new("armv6l", new(ElfMachines.Arm, false, true, ArmHardFloat: true), "armv6", "qemu-arm", "/lib/ld-linux-armhf.so.3", "/lib/ld-musl-armhf.so.1", "aarch64-linux"),
        new("riscv64", new(ElfMachines.RiscV, true, true), "riscv64", "qemu-riscv64", "/lib/ld-linux-riscv64-lp64d.so.1", "/lib/ld-musl-riscv64.so.1"),
        new("riscv32", new(ElfMachines.RiscV, false, true), null, "qemu-riscv32"),
        new("powerpc64le", new(ElfMachines.PowerPC64, true, true), "ppc64le", "qemu-ppc64le", "/lib64/ld64.so.2", "/lib/ld-musl-powerpc64le.so.1"),
        new("powerpc64", new(ElfMachines.PowerPC64, true, false), null, "qemu-ppc64"),
        new("s390x", new(ElfMachines.S390, true, false), "s390x", "qemu-s390x", "/lib/ld64.so.1"),
        new("loongarch64", new(ElfMachines.LoongArch, true, true), "loongarch64", "qemu-loongarch64", "/lib64/ld-linux-loongarch-lp64d.so.1"),
        new("mips64el", new(8, true, true), null, "qemu-mips64el"),
        new("mipsel", new(8, false, true), null, "qemu-mipsel"),
    ];

    public static Cpu? ByName(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The CPU of a Nix system (aarch64-linux -> aarch64).</summary>
    public static Cpu? ForNixSystem(string system) => ByName(system.Split('-')[0]);
}
