using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class SystemProbeTests
{
    [TestMethod]
    public void The_test_build_asks_with_the_system_in_extra_platforms_and_the_users_options_after()
    {
        var args = SystemProbe.Arguments("aarch64-linux", "1", ["--option", "extra-platforms", "i686-linux"]).ToList();

        var ours = args.IndexOf("aarch64-linux");
        Assert.AreEqual("extra-platforms", args[ours - 1], "a daemon that trusts the user in a way the client cannot see honours it, as it will in the build");
        Assert.IsTrue(args.IndexOf("i686-linux") > ours, "the user's options come after, so they win");
    }

    [TestMethod]
    public void A_refusing_test_build_blocks_emulation_for_an_untrusted_user()
    {
        var t = PlatformCatalog.Resolve("aarch64-linux", "t");
        var host = HostCapabilitiesTests.Debian(trusted: false, extraPlatforms: ["aarch64-linux"]);
        Assert.IsTrue(host.Assess(t).Possible, "show-config says yes");

        var probed = host with { ProbedSystems = new Dictionary<string, bool> { ["aarch64-linux"] = false } };

        StringAssert.Contains(probed.Assess(t).Blocker, "a test build showed that Nix (its daemon) will not build aarch64-linux");
        Assert.IsTrue((host with { ProbedSystems = new Dictionary<string, bool> { ["aarch64-linux"] = true } }).Assess(t).Possible);
    }
}
