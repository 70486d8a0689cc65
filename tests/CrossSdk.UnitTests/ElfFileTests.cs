using CrossSdk.Artifacts;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class ElfFileTests
{
    [TestMethod]
    [DataRow("linux-x64")]
    [DataRow("linux-arm64")]
    [DataRow("linux-riscv64")]
    [DataRow("linux-arm")]
    public void Reads_the_identity_and_SONAME_of_a_real_shared_library(string rid)
    {
        using var dir = new TempDirectory();
        var library = ElfFixtures.Copy($"libfixture-{rid}.so", dir.Path, "libfixture.so.1.2.3");

        var elf = ElfFile.Read(library)!;

        Assert.AreEqual(PlatformCatalog.Resolve(rid, "t").Elf, elf.Identity);
        Assert.AreEqual(ElfFile.TypeShared, elf.Type);
        Assert.AreEqual("libfixture.so.1", elf.Soname);
    }

    [TestMethod]
    public void A_library_without_SONAME_has_none()
    {
        using var dir = new TempDirectory();
        var library = ElfFixtures.Copy("libplain-linux-x64.so", dir.Path, "libplain.so");
        Assert.IsNull(ElfFile.Read(library)!.Soname);
    }

    [TestMethod]
    public void A_file_that_is_not_ELF_is_null()
    {
        Assert.IsNull(ElfFile.Parse("GROUP ( libc.so.6 )"u8));
        Assert.IsNull(ElfFile.Parse([]));
    }

    [TestMethod]
    public void Tells_byte_order_class_and_ARM_float_ABI_from_the_header()
    {
        // A 32-bit big-endian header (s390 is 64-bit in practice; the reader must not assume LE).
        var header = new byte[52];
        header[0] = 0x7f; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F';
        header[4] = 1; header[5] = 2; // ELFCLASS32, ELFDATA2MSB
        header[17] = 3; // e_type = ET_DYN (big-endian)
        header[19] = 40; // e_machine = EM_ARM
        var elf = ElfFile.Parse(header)!;
        Assert.AreEqual(new ElfIdentity(ElfMachines.Arm, false, false, ArmHardFloat: false), elf.Identity);

        header[5] = 1; // little-endian now
        header[16] = 3; header[17] = 0; header[18] = 40; header[19] = 0;
        header[36] = 0x00; header[37] = 0x04; header[38] = 0x00; header[39] = 0x05; // e_flags = 0x05000400: EABI5, hard-float
        Assert.AreEqual(new ElfIdentity(ElfMachines.Arm, false, true, ArmHardFloat: true), ElfFile.Parse(header)!.Identity);
    }

    [TestMethod]
    public void A_truncated_ELF_file_is_an_error_not_a_crash()
    {
        var header = new byte[60];
        header[0] = 0x7f; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F';
        header[4] = 2; header[5] = 1;
        Assert.ThrowsExactly<InvalidDataException>(() => ElfFile.Parse(header));
    }
}
