using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class PlatformCatalogTests
{
    public static IEnumerable<object[]> Rows => PlatformCatalog.All.Select(t => t.Rid).Distinct().Select(rid => new object[] { rid });

    [TestMethod]
    [DataRow("linux-musl-arm")]
    [DataRow("armv7l-unknown-linux-musleabihf")]
    [DataRow("armv7l-linux-musleabihf")]
    public void Alpine_armv7_is_a_musl_target_of_armv7l_with_musl_own_loader(string spelling)
    {
        var target = PlatformCatalog.Resolve(spelling, "CrossTarget");

        Assert.AreEqual("linux-musl-arm", target.Rid);
        Assert.AreEqual("armv7l-linux", target.NixSystem);
        Assert.IsTrue(target.IsMusl);
        Assert.IsNull(target.PkgsCross, "nixpkgs has no armv7l musl example: crossSystem.config names it");
        Assert.IsTrue(target.Elf.ArmHardFloat);
        Assert.AreEqual("/lib/ld-musl-armhf.so.1", target.StandardInterpreter);
        Assert.AreEqual("linux-arm", PlatformCatalog.Resolve("armv7l-linux", "t").Rid, "the bare Nix system stays glibc");
    }

    [TestMethod]
    [DynamicData(nameof(Rows))]
    public void Every_row_is_found_by_its_RID_pkgsCross_name_and_triple(string rid)
    {
        // The first row of a RID is its default C library (win-x64: msvcrt; ucrt64 is found by its pkgsCross name).
        var row = PlatformCatalog.All.First(t => t.Rid == rid);
        Assert.AreEqual(row, PlatformCatalog.TryResolve(row.Rid));
        // linux-musl-arm has no pkgsCross name (nixpkgs has no armv7l musl example).
        Assert.IsTrue(row.PkgsCross is null || PlatformCatalog.TryResolve(row.PkgsCross) == row, row.PkgsCross);
        Assert.AreEqual(row, PlatformCatalog.TryResolve(row.Config));
    }

    [TestMethod]
    [DataRow("aarch64-linux", "linux-arm64")]
    [DataRow("riscv64-linux", "linux-riscv64")]
    [DataRow("x86_64-linux", "linux-x64")]
    [DataRow("armv7l-linux", "linux-arm")]
    [DataRow("s390x-linux", "linux-s390x")]
    public void A_Nix_system_means_its_glibc_target(string system, string rid)
    {
        var target = PlatformCatalog.Resolve(system, "CrossTarget");
        Assert.AreEqual(rid, target.Rid);
        Assert.AreEqual(Libc.Glibc, target.Libc);
    }

    [TestMethod]
    [DataRow("aarch64-multiplatform-musl", "linux-musl-arm64")]
    [DataRow("musl64", "linux-musl-x64")]
    [DataRow("aarch64-unknown-linux-musl", "linux-musl-arm64")]
    [DataRow("aarch64-linux-gnu", "linux-arm64")]
    [DataRow("riscv64-linux-gnu", "linux-riscv64")]
    [DataRow("LINUX-ARM64", "linux-arm64")]
    [DataRow("  linux-arm64 ", "linux-arm64")]
    [DataRow("riscv64", "linux-riscv64")]
    public void Other_spellings_resolve(string spelling, string rid) =>
        Assert.AreEqual(rid, PlatformCatalog.Resolve(spelling, "CrossTarget").Rid);

    [TestMethod]
    public void An_unknown_target_is_CROSS0001_and_suggests_the_nearest_spelling()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => PlatformCatalog.Resolve("aarch64-linx", "CrossTarget"));
        Assert.AreEqual(DiagnosticCodes.UnknownTarget, ex.Code);
        StringAssert.Contains(ex.Message, "Did you mean 'aarch64-linux'");
        StringAssert.Contains(ex.Message, "'aarch64-linx'");
        StringAssert.Contains(ex.Message, "riscv64-linux");
    }

    [TestMethod]
    public void Suggestions_put_the_closest_first()
    {
        var suggestions = PlatformCatalog.Suggest("linux-amr64");
        Assert.AreEqual("linux-arm64", suggestions[0]);
    }

    [TestMethod]
    public void Nothing_close_gives_no_suggestion()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => PlatformCatalog.Resolve("windows-on-a-toaster", "CrossTarget"));
        Assert.IsFalse(ex.Message.Contains("Did you mean", StringComparison.Ordinal), ex.Message);
    }

    [TestMethod]
    public void Every_row_has_the_elf_identity_of_its_architecture()
    {
        Assert.AreEqual(ElfMachines.AArch64, PlatformCatalog.Resolve("linux-arm64", "t").Elf.Machine);
        Assert.AreEqual(ElfMachines.RiscV, PlatformCatalog.Resolve("linux-riscv64", "t").Elf.Machine);
        Assert.IsFalse(PlatformCatalog.Resolve("s390x-linux", "t").Elf.IsLittleEndian);
        Assert.IsTrue(PlatformCatalog.Resolve("linux-arm", "t").Elf.ArmHardFloat);
        Assert.IsFalse(PlatformCatalog.Resolve("linux-x86", "t").Elf.Is64Bit);
        Assert.AreEqual(PlatformCatalog.All.Count, PlatformCatalog.All.Select(t => (t.Rid, t.Libc)).Distinct().Count(), "RIDs are unique per C library");
        Assert.AreEqual(PlatformCatalog.All.Count, PlatformCatalog.All.Select(t => t.PkgsCross).Distinct().Count(), "pkgsCross names are unique");
    }

    [TestMethod]
    public void Every_target_row_takes_its_CPU_facts_from_one_CPU_row()
    {
        foreach (var target in PlatformCatalog.All)
        {
            var cpu = target.Cpu;
            Assert.AreEqual(target.NixSystem, target.IsWindows ? $"{cpu.Name}-windows" : cpu.NixSystem);
            Assert.IsTrue(!target.IsWindows || cpu.PeMachine is not null, $"{target.Rid} needs the PE machine of {cpu.Name}");
            Assert.AreEqual(cpu.Elf.Machine, target.Elf.Machine, target.Rid);
            Assert.AreEqual(cpu.Elf.Is64Bit, target.Elf.Is64Bit, target.Rid);
            StringAssert.StartsWith(cpu.Qemu, "qemu-");
        }

        Assert.AreEqual("qemu-arm", PlatformCatalog.Resolve("linux-arm", "t").Cpu.Qemu);
        CollectionAssert.Contains(PlatformCatalog.Resolve("i686-linux", "t").Cpu.RunsDirectlyOn.ToList(), "x86_64-linux");
        Assert.AreEqual("/lib/ld-musl-aarch64.so.1", PlatformCatalog.Resolve("linux-musl-arm64", "t").StandardInterpreter);
    }
}
