using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Integration;

/// <summary>The host probe, with the real nix: a broken configuration fails `nix --version` already.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class NixHostProbeSetupProcessTests
{
    [TestMethod]
    public async Task A_setting_Nix_rejects_in_NIX_CONFIG_is_CROSS0056_from_the_first_probe_not_no_version()
    {
        var environment = new Dictionary<string, string?>
        {
            ["NIX_CONFIG"] = (Environment.GetEnvironmentVariable("NIX_CONFIG") ?? "") + "\nsandbox = maybe",
        };

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => new NixHostProbe(new ToolRunner("nix", environment)).ProbeAsync(CancellationToken.None));

        Assert.AreEqual(DiagnosticCodes.NixConfigurationRejected, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "option 'sandbox' has invalid value 'maybe'");
    }
}
