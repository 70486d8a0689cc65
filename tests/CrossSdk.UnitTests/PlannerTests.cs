using CrossSdk.Diagnostics;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class PlannerTests
{
    private static readonly CrossSdk.Host.HostCapabilities Host = HostCapabilitiesTests.Debian();

    [TestMethod]
    [DataRow("x86_64-linux", "auto", Strategy.Native, "host system")]
    [DataRow("riscv64-linux", "auto", Strategy.Cross, "no binfmt_misc handler")]
    [DataRow("linux-musl-x64", "auto", Strategy.Cross, "C library (Musl) is not the host's (Glibc)")]
    [DataRow("aarch64-linux", "cross", Strategy.Cross, "CrossStrategy=cross")]
    [DataRow("aarch64-linux", "emulated", Strategy.Emulated, "CrossStrategy=emulated")]
    [DataRow("x86_64-linux", "native", Strategy.Native, "CrossStrategy=native")]
    [DataRow("x86_64-linux", "cross", Strategy.Cross, "CrossStrategy=cross")]
    public void Chooses_a_strategy_and_says_why(string target, string requested, Strategy expected, string reason)
    {
        var plan = Planner.Plan(PlatformCatalog.Resolve(target, "t"), StrategyParser.Parse(requested, "CrossStrategy"), Host)!;
        Assert.AreEqual(expected, plan.Strategy);
        StringAssert.Contains(plan.Reason, reason);
    }

    [TestMethod]
    public void Native_for_a_foreign_system_is_CROSS0012()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Planner.Plan(PlatformCatalog.Resolve("aarch64-linux", "t"), Strategy.Native, Host));
        Assert.AreEqual(DiagnosticCodes.StrategyNotPossible, ex.Code);
    }

    [TestMethod]
    public void An_unknown_strategy_is_CROSS0011()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => StrategyParser.Parse("qemu", "CrossStrategy"));
        Assert.AreEqual(DiagnosticCodes.InvalidStrategy, ex.Code);
        StringAssert.Contains(ex.Message, "auto (the default), cross, emulated or native");
    }

    [TestMethod]
    public void The_description_names_the_package_set()
    {
        var plan = Planner.Plan(PlatformCatalog.Resolve("riscv64-linux", "t"), Strategy.Auto, Host)!;
        StringAssert.StartsWith(plan.Describe(), "riscv64-linux -> cross (pkgsCross.riscv64): ");
    }
}
