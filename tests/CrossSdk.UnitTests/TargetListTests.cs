using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class TargetListTests
{
    private static readonly TargetPlatform Host = PlatformCatalog.Resolve("linux-x64", "host");

    [TestMethod]
    public void Splits_on_commas_and_semicolons_and_trims()
    {
        CollectionAssert.AreEqual(
            new[] { "aarch64-linux", "riscv64-linux", "linux-arm" },
            TargetList.Split("aarch64-linux, riscv64-linux", null, "; linux-arm;").ToArray());
    }

    [TestMethod]
    public void Explicit_targets_win_over_the_RID()
    {
        var targets = TargetList.Resolve(["riscv64-linux"], "linux-arm64", Host);
        Assert.AreEqual("linux-riscv64", targets.Single().Rid);
    }

    [TestMethod]
    public void A_RID_alone_implies_its_target()
    {
        var targets = TargetList.Resolve([], "linux-arm64", Host);
        Assert.AreEqual("aarch64-linux", targets.Single().NixSystem);
    }

    [TestMethod]
    public void Neither_targets_nor_RID_means_the_host()
    {
        Assert.AreEqual(Host, TargetList.Resolve([], null, Host).Single());
        Assert.AreEqual(Host, TargetList.Resolve([], "", Host).Single());
    }

    [TestMethod]
    public void Two_spellings_of_one_target_collapse()
    {
        var targets = TargetList.Resolve(["aarch64-linux", "linux-arm64", "aarch64-multiplatform", "riscv64"], null, Host);
        CollectionAssert.AreEqual(new[] { "linux-arm64", "linux-riscv64" }, targets.Select(t => t.Rid).ToArray());
    }
}
