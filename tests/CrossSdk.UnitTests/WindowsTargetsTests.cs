using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// The Windows rows of the catalog (nixpkgs' MinGW examples, checked against lib/systems/examples.nix:
/// mingwW64 and mingw32 with libc "msvcrt", ucrt64 and ucrtAarch64 with libc "ucrt") and how they plan.
/// </summary>
[TestClass]
public sealed class WindowsTargetsTests
{
    private static readonly CrossSdk.Host.HostCapabilities Host = HostCapabilitiesTests.Debian();

    [TestMethod]
    [DataRow("x86_64-windows", "win-x64", "mingwW64", "Msvcrt", PeMachines.Amd64)]
    [DataRow("win-x64", "win-x64", "mingwW64", "Msvcrt", PeMachines.Amd64)]
    [DataRow("WIN-X64", "win-x64", "mingwW64", "Msvcrt", PeMachines.Amd64)]
    [DataRow("mingwW64", "win-x64", "mingwW64", "Msvcrt", PeMachines.Amd64)]
    [DataRow("x86_64-w64-mingw32", "win-x64", "mingwW64", "Msvcrt", PeMachines.Amd64)]
    [DataRow("ucrt64", "win-x64", "ucrt64", "Ucrt", PeMachines.Amd64)]
    [DataRow("i686-windows", "win-x86", "mingw32", "Msvcrt", PeMachines.I386)]
    [DataRow("win-x86", "win-x86", "mingw32", "Msvcrt", PeMachines.I386)]
    [DataRow("mingw32", "win-x86", "mingw32", "Msvcrt", PeMachines.I386)]
    [DataRow("i686-w64-mingw32", "win-x86", "mingw32", "Msvcrt", PeMachines.I386)]
    [DataRow("aarch64-windows", "win-arm64", "ucrtAarch64", "Ucrt", PeMachines.Arm64)]
    [DataRow("win-arm64", "win-arm64", "ucrtAarch64", "Ucrt", PeMachines.Arm64)]
    [DataRow("ucrtAarch64", "win-arm64", "ucrtAarch64", "Ucrt", PeMachines.Arm64)]
    [DataRow("aarch64-w64-mingw32", "win-arm64", "ucrtAarch64", "Ucrt", PeMachines.Arm64)]
    public void Every_spelling_of_a_Windows_target_resolves(string spelling, string rid, string pkgsCross, string libc, int machine)
    {
        var target = PlatformCatalog.Resolve(spelling, "CrossTarget");
        Assert.AreEqual(rid, target.Rid);
        Assert.AreEqual(pkgsCross, target.PkgsCross);
        Assert.AreEqual(libc, target.Libc.ToString());
        Assert.IsTrue(target.IsWindows);
        Assert.AreEqual((ushort)machine, target.PeMachine);
        Assert.IsNull(target.StandardInterpreter, "a Windows target has no ELF interpreter");
    }

    [TestMethod]
    public void Linux_targets_are_not_Windows_and_have_no_PE_machine()
    {
        var linux = PlatformCatalog.Resolve("linux-x64", "t");
        Assert.IsFalse(linux.IsWindows);
        Assert.IsNull(linux.PeMachine);
    }

    [TestMethod]
    public void The_triples_are_nixpkgs_configs_and_the_systems_its_doubles()
    {
        // lib.systems.elaborate: system = parse.doubleFromSystem (cpu-kernel), config as the example gives it.
        Assert.AreEqual("x86_64-windows", PlatformCatalog.Resolve("mingwW64", "t").NixSystem);
        Assert.AreEqual("i686-windows", PlatformCatalog.Resolve("mingw32", "t").NixSystem);
        Assert.AreEqual("aarch64-windows", PlatformCatalog.Resolve("ucrtAarch64", "t").NixSystem);
        Assert.AreEqual("x86_64-w64-mingw32", PlatformCatalog.Resolve("ucrt64", "t").Config);
    }

    [TestMethod]
    [DataRow("win-x64")]
    [DataRow("win-x86")]
    [DataRow("win-arm64")]
    public void A_Windows_RID_alone_implies_its_target(string rid)
    {
        var target = TargetList.Resolve([], rid, PlatformCatalog.Resolve("linux-x64", "host")).Single();
        Assert.AreEqual(rid, target.Rid);
        Assert.IsTrue(target.IsWindows);
    }

    [TestMethod]
    public void The_build_machine_is_never_a_Windows_row() =>
        Assert.IsNull(PlatformCatalog.ForRuntimeIdentifier("win-x64"));

    [TestMethod]
    public void Two_spellings_of_one_Windows_target_collapse_to_one()
    {
        var targets = TargetList.Resolve(["win-x64", "mingwW64", "x86_64-windows", "x86_64-w64-mingw32"], null, PlatformCatalog.Resolve("linux-x64", "host"));
        Assert.AreEqual("mingwW64", targets.Single().PkgsCross);
    }

    [TestMethod]
    public void Msvcrt_and_ucrt_for_one_RID_is_CROSS0101_naming_both()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => TargetList.Resolve(["win-x64", "ucrt64"], null, PlatformCatalog.Resolve("linux-x64", "host")));
        Assert.AreEqual(DiagnosticCodes.TargetsShareRid, ex.Code);
        StringAssert.Contains(ex.Message, "'win-x64' (x86_64-windows)");
        StringAssert.Contains(ex.Message, "'ucrt64' (x86_64-windows (ucrt))");
        StringAssert.Contains(ex.Message, "runtimes/win-x64/native/");
    }

    [TestMethod]
    public void Ucrt_with_a_RID_of_its_own_builds_beside_msvcrt()
    {
        var targets = TargetList.Resolve(["win-x64", "ucrt64"], null, PlatformCatalog.Resolve("linux-x64", "host"),
            new Dictionary<string, string> { ["ucrt64"] = "win-x64-ucrt" });
        CollectionAssert.AreEqual(new[] { "win-x64", "win-x64-ucrt" }, targets.Select(t => t.Rid).ToArray());
    }

    [TestMethod]
    [DataRow("win-x64")]
    [DataRow("win-x86")]
    [DataRow("win-arm64")]
    public void Auto_builds_Windows_cross_and_says_why(string rid)
    {
        var plan = Planner.Plan(PlatformCatalog.Resolve(rid, "t"), Strategy.Auto, Host)!;
        Assert.AreEqual(Strategy.Cross, plan.Strategy);
        StringAssert.Contains(plan.Reason, "MinGW cross toolchain");
        StringAssert.Contains(plan.Reason, "no Windows build platform");
    }

    [TestMethod]
    public void Cross_for_Windows_is_taken_as_asked() =>
        Assert.AreEqual(Strategy.Cross, Planner.Plan(PlatformCatalog.Resolve("win-x86", "t"), Strategy.Cross, Host)!.Strategy);

    [TestMethod]
    [DataRow("emulated")]
    [DataRow("native")]
    public void Emulated_or_native_for_Windows_is_CROSS0100(string strategy)
    {
        var ex = Assert.ThrowsExactly<CrossException>(() =>
            Planner.Plan(PlatformCatalog.Resolve("win-x86", "t"), StrategyParser.Parse(strategy, "CrossStrategy"), Host));
        Assert.AreEqual(DiagnosticCodes.WindowsBuildsOnlyCross, ex.Code);
        StringAssert.Contains(ex.Message, $"CrossStrategy '{strategy}'");
        StringAssert.Contains(ex.Message, "pkgsCross.mingw32");
        StringAssert.Contains(ex.Message, "<CrossTarget Include=\"mingw32\" Strategy=\"cross\" />");
    }

    [TestMethod]
    public void The_plan_names_nixpkgs_MinGW_package_set()
    {
        var plan = Planner.Plan(PlatformCatalog.Resolve("ucrt64", "t"), Strategy.Auto, Host)!;
        StringAssert.StartsWith(plan.Describe(), "x86_64-windows (ucrt) -> cross (pkgsCross.ucrt64): ");
    }

    [TestMethod]
    [DataRow("win-x64", "hostPkgs.pkgsCross.mingwW64 or (throw \"this nixpkgs has no pkgsCross.mingwW64\")")]
    [DataRow("ucrt64", "hostPkgs.pkgsCross.ucrt64 or")]
    [DataRow("win-x86", "hostPkgs.pkgsCross.mingw32 or")]
    [DataRow("win-arm64", "hostPkgs.pkgsCross.ucrtAarch64 or")]
    public void The_generated_Nix_uses_the_pkgsCross_name(string spelling, string expected)
    {
        var plan = new TargetPlan(PlatformCatalog.Resolve(spelling, "t"), Strategy.Cross, "test");
        StringAssert.Contains(ExpressionGenerator.PkgsExpression(plan, "x86_64-linux"), expected);
    }
}
