using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class TriplesTests
{
    [TestMethod]
    [DataRow("aarch64_be-unknown-linux-gnu", "aarch64_be-linux", "", false)]
    [DataRow("riscv32-unknown-linux-gnu", "riscv32-linux", "", true)]
    [DataRow("powerpc64-unknown-linux-gnu", "powerpc64-linux", "", false)]
    [DataRow("mips64el-unknown-linux-gnuabi64", "mips64el-linux", "", true)]
    [DataRow("aarch64-unknown-linux-musl", "aarch64-linux", "linux-musl-arm64", true)]
    public void Parses_triples_into_system_RID_and_ELF_identity(string triple, string system, string rid, bool littleEndian)
    {
        var target = Triples.TryParse(triple)!;
        Assert.AreEqual(system, target.NixSystem);
        Assert.AreEqual(rid, target.Rid);
        Assert.AreEqual(littleEndian, target.Elf.IsLittleEndian);
        Assert.IsNull(target.PkgsCross);
    }

    [TestMethod]
    public void Tells_ppc64_from_ppc64le_and_riscv32_from_riscv64()
    {
        Assert.AreNotEqual(Triples.TryParse("powerpc64-unknown-linux-gnu")!.Elf, PlatformCatalog.Resolve("linux-ppc64le", "t").Elf);
        Assert.AreNotEqual(Triples.TryParse("riscv32-unknown-linux-gnu")!.Elf, PlatformCatalog.Resolve("linux-riscv64", "t").Elf);
        Assert.AreNotEqual(Triples.TryParse("armv7l-unknown-linux-gnueabi")!.Elf, PlatformCatalog.Resolve("linux-arm", "t").Elf, "soft-float is not hard-float");
    }

    [TestMethod]
    public void A_triple_without_RID_is_CROSS0022_unless_Rid_is_given()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => PlatformCatalog.Resolve("aarch64_be-unknown-linux-gnu", "CrossTarget"));
        Assert.AreEqual(DiagnosticCodes.TargetNeedsRid, ex.Code);
        Assert.AreEqual("linux-arm64be", PlatformCatalog.Resolve("aarch64_be-unknown-linux-gnu", "CrossTarget", "linux-arm64be").Rid);
        Assert.IsNull(Triples.TryParse("aarch64-apple-darwin"));
        Assert.IsNull(Triples.TryParse("not-a-triple"));
    }

}
