using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Integration;

/// <summary>Asks the real nix whether it builds a system.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class SystemProbeProcessTests
{
    [TestMethod]
    public async Task A_test_build_tells_whether_real_Nix_accepts_a_system()
    {
        var probe = new SystemProbe(new ToolRunner("nix"));

        Assert.IsFalse(await probe.AcceptsAsync("aarch64-linux", ["--option", "extra-platforms", "i686-linux"], CancellationToken.None), "not in extra-platforms: refused");
        Assert.IsTrue(await probe.AcceptsAsync("aarch64-linux", ["--option", "extra-platforms", "aarch64-linux"], CancellationToken.None), "listed: accepted");
        Assert.IsTrue(await probe.AcceptsAsync("x86_64-linux", [], CancellationToken.None), "its own system");
    }
}
