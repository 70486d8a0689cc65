namespace CrossSdk.Tests.Infrastructure;

/// <summary>binfmt_misc entries as hosts register them, for tests of emulator detection.</summary>
public static class BinfmtEntries
{
    // As Debian's qemu-user-static registers them (read here from /proc/sys/fs/binfmt_misc).
    public const string DebianAarch64 = "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: PF\noffset 0\nmagic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n";
    public const string DebianArm = "enabled\ninterpreter /usr/libexec/qemu-binfmt/arm-binfmt-P\nflags: PF\noffset 0\nmagic 7f454c4601010100000000000000000002002800\nmask ffffffffffffff00fffffffffffffffffeffffff\n";
    public const string DebianS390xDisabled = "disabled\ninterpreter /usr/libexec/qemu-binfmt/s390x-binfmt-P\nflags: PF\noffset 0\nmagic 7f454c4602020100000000000000000000020016\nmask ffffffffffffff00fffffffffffffffffffeffff\n";
    public const string NixOsRiscv64 = "enabled\ninterpreter /run/binfmt/riscv64-linux\nflags: OCF\noffset 0\nmagic 7f454c460201010000000000000000000200f300\nmask ffffffffffffff00fffffffffffffffffeffffff\n";
}
