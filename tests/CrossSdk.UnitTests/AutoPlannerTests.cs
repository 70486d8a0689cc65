using CrossSdk.Diagnostics;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class AutoPlannerTests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    [TestMethod]
    [DataRow("x86_64-linux", Strategy.Native, "the target is the host system")]
    [DataRow("i686-linux", Strategy.Native, "runs i686-linux code without emulation")]
    [DataRow("linux-musl-x64", Strategy.Cross, "C library (Musl) is not the host's (Glibc)")]
    [DataRow("s390x-linux", Strategy.Cross, "emulation is not possible here: the binfmt_misc handler for s390x-linux (qemu-s390x) is disabled")]
    [DataRow("riscv64-linux", Strategy.Cross, "emulation is not possible here: no binfmt_misc handler")]
    [DataRow("linux-musl-armv6", Strategy.Cross, "pkgsMusl refuses")]
    public void Auto_decides_without_a_dry_run_where_the_host_decides(string target, Strategy expected, string reason)
    {
        var plan = Planner.Plan(T(target), Strategy.Auto, HostCapabilitiesTests.Debian())!;
        Assert.AreEqual(expected, plan.Strategy);
        StringAssert.Contains(plan.Reason, reason);
    }

    [TestMethod]
    public void Auto_leaves_a_target_that_could_go_either_way_to_the_cost_comparison() =>
        Assert.IsNull(Planner.Plan(T("aarch64-linux"), Strategy.Auto, HostCapabilitiesTests.Debian()));

    [TestMethod]
    [DataRow(3, 0, 3, 0, 16.0, Strategy.Cross)]    // both build everything: emulation is 16x dearer
    [DataRow(3, 0, 0, 3, 16.0, Strategy.Emulated)] // the cache has the emulated outputs
    [DataRow(0, 0, 0, 0, 16.0, Strategy.Cross)]    // a tie goes to cross
    [DataRow(20, 0, 1, 5, 16.0, Strategy.Emulated)] // 16 < 20
    [DataRow(20, 0, 2, 5, 16.0, Strategy.Cross)]    // 32 > 20
    [DataRow(20, 0, 2, 5, 4.0, Strategy.Emulated)]  // a faster emulator (slowdown overridden)
    public void Auto_weighs_emulated_builds_by_the_slowdown(int crossBuilt, int crossFetched, int emulatedBuilt, int emulatedFetched, double slowdown, Strategy expected) =>
        Assert.AreEqual(expected, Planner.Decide(T("riscv64-linux"), new(crossBuilt, crossFetched), new(emulatedBuilt, emulatedFetched), slowdown).Strategy);

    [TestMethod]
    public void The_reason_compares_both_in_one_sentence()
    {
        var plan = Planner.Decide(T("riscv64-linux"), new(3, 0), new(3, 0), 16);
        Assert.AreEqual("riscv64-linux -> cross (pkgsCross.riscv64): emulation would build 3 derivations under QEMU (~16x) vs 3 derivations with the cross toolchain", plan.Describe());
        StringAssert.Contains(Planner.Decide(T("aarch64-linux"), new(2, 0), new(0, 2), 16).Reason, "and fetch 2 paths");
    }

    [TestMethod]
    public void Emulated_without_a_handler_is_CROSS0015_with_fixes_for_every_kind_of_host()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Planner.Plan(T("s390x-linux"), Strategy.Emulated, HostCapabilitiesTests.Debian()));
        Assert.AreEqual(DiagnosticCodes.NoEmulator, ex.Code);
        StringAssert.Contains(ex.Message, "s390x-linux");
        StringAssert.Contains(ex.Message, "emulator is missing");
        StringAssert.Contains(ex.Message, "boot.binfmt.emulatedSystems = [ \"s390x-linux\" ]");
        StringAssert.Contains(ex.Message, "update-binfmts --enable qemu-s390x");
        StringAssert.Contains(ex.Message, "F (fix binary) flag");
    }

    [TestMethod]
    public void Emulated_for_an_untrusted_user_without_extra_platforms_is_CROSS0014()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Planner.Plan(T("aarch64-linux"), Strategy.Emulated, HostCapabilitiesTests.Debian(trusted: false)));
        Assert.AreEqual(DiagnosticCodes.NixRefusesSystem, ex.Code);
        StringAssert.Contains(ex.Message, "extra-platforms = aarch64-linux");
    }

    [TestMethod]
    public void Emulated_for_a_system_the_host_runs_directly_is_native() =>
        Assert.AreEqual(Strategy.Native, Planner.Plan(T("i686-linux"), Strategy.Emulated, HostCapabilitiesTests.Debian())!.Strategy);
}
