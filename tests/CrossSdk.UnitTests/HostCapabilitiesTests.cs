using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class HostCapabilitiesTests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    internal static HostCapabilities Host(bool trusted = true, bool mounted = true, string[]? extraPlatforms = null, params (string Name, string Entry)[] handlers) =>
        new(T("linux-x64"),
            new NixHostInfo(new Version(2, 8), "nix (Nix) 2.8.0", "x86_64-linux", extraPlatforms ?? ["i686-linux"]) { Trusted = trusted },
            new BinfmtState(mounted, "/proc/sys/fs/binfmt_misc", handlers.Select(h => BinfmtHandler.Parse(h.Name, h.Entry)!).ToList()));

    internal static HostCapabilities Debian(bool trusted = true, string[]? extraPlatforms = null) =>
        Host(trusted, true, extraPlatforms, ("qemu-aarch64", BinfmtEntries.DebianAarch64), ("qemu-arm", BinfmtEntries.DebianArm), ("qemu-s390x", BinfmtEntries.DebianS390xDisabled));

    [TestMethod]
    public void An_enabled_handler_and_a_trusted_user_make_emulation_possible()
    {
        var support = Debian().Assess(T("aarch64-linux"));
        Assert.IsTrue(support.Possible);
        Assert.AreEqual("qemu-aarch64", support.Handler!.Name);
        Assert.IsFalse(support.NixAccepts, "CrossSdk adds extra-platforms itself");
    }

    [TestMethod]
    [DataRow("s390x-linux", "is disabled")]
    [DataRow("riscv64-linux", "no binfmt_misc handler runs riscv64-linux code")]
    [DataRow("linux-musl-armv6", "pkgsMusl refuses 32-bit ARM")]
    public void Says_why_emulation_is_impossible(string target, string blocker) =>
        StringAssert.Contains(Debian().Assess(T(target)).Blocker, blocker);

    [TestMethod]
    public void Unmounted_binfmt_misc_blocks_every_foreign_system() =>
        StringAssert.Contains(Host(mounted: false).Assess(T("aarch64-linux")).Blocker, "not mounted");

    [TestMethod]
    public void An_untrusted_user_needs_the_system_in_extra_platforms_already()
    {
        StringAssert.Contains(Debian(trusted: false).Assess(T("aarch64-linux")).Blocker, "untrusted");
        Assert.IsTrue(Debian(trusted: false, extraPlatforms: ["aarch64-linux"]).Assess(T("aarch64-linux")).Possible);
    }

    [TestMethod]
    public void i686_runs_directly_on_x86_64()
    {
        var host = Host();
        Assert.IsTrue(host.RunsDirectly(T("i686-linux")));
        Assert.IsTrue(host.Assess(T("i686-linux")).Possible);
        Assert.IsFalse(host.RunsDirectly(T("aarch64-linux")));
    }
}
