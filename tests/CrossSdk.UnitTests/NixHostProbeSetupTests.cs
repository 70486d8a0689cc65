using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

/// <summary>The host probe, with a scripted nix: how its two probes' answers combine.</summary>
[TestClass]
public sealed class NixHostProbeSetupTests
{
    [TestMethod]
    public async Task A_Nix_too_old_to_show_its_config_is_told_it_is_too_old_though_both_probes_run_at_once()
    {
        var old = new ScriptedNix(new Dictionary<string, NixProcessResult>
        {
            ["--version"] = new(0, "nix (Nix) 2.3.16\n"),
            ["show-config"] = new(1, ""),
        });

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => new NixHostProbe(old).ProbeAsync(CancellationToken.None));

        Assert.AreEqual(DiagnosticCodes.NixTooOld, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "2.3.16");
    }

    [TestMethod]
    public async Task A_Nix_that_cannot_start_is_CROSS0004_even_when_show_config_fails_the_same_way()
    {
        var broken = new ScriptedNix(new Dictionary<string, NixProcessResult>(), missing: true);

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => new NixHostProbe(broken).ProbeAsync(CancellationToken.None));

        Assert.AreEqual(DiagnosticCodes.NixNotFound, ex.Code, ex.Message);
        Assert.AreEqual(2, broken.Calls, "both probes started at once");
    }

    /// <summary>Answers by the probe's one distinguishing argument; the calls finish in the order opposite to their start.</summary>
    private sealed class ScriptedNix(IReadOnlyDictionary<string, NixProcessResult> answers, bool missing = false) : IToolRunner
    {
        private int calls;

        public int Calls => calls;

        public async Task<NixProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? onStandardErrorLine, CancellationToken cancellation)
        {
            var order = Interlocked.Increment(ref calls);
            await Task.Delay(order == 1 ? 50 : 0, cancellation);
            if (missing)
            {
                throw new CrossException(DiagnosticCodes.NixNotFound, "nix was not found on PATH.");
            }

            return answers.First(a => arguments.Contains(a.Key)).Value;
        }
    }
}
