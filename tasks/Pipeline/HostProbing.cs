using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tools;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stage 2: what the host can do: Nix's version and settings (cached in obj/, see
/// <see cref="HostProbeCache"/>), binfmt_misc, and for an untrusted user a test build per
/// foreign system.
/// </summary>
internal sealed class HostProbing(IToolRunner runner, ICrossLog log, TargetPlatform machine)
{
    public const string HostProbeFileName = "host-probe.json";

    public async Task<HostCapabilities> ProbeAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        var cache = new HostProbeCache(Path.Combine(request.IntermediateDirectory, HostProbeFileName), request.NixExecutable);
        var nix = NixHostProbe.WithTrust(await cache.GetAsync(() => new NixHostProbe(runner).ProbeAsync(cancellation)).ConfigureAwait(false));
        log.LogMessage(LogImportance.Normal, $"CrossSdk: {nix.VersionText} on {nix.System}");
        // --builders counts only for a trusted user; otherwise the daemon's own builders are used.
        var builders = BuilderList.Parse(nix.Trusted && !string.IsNullOrWhiteSpace(request.Builders) ? request.Builders : nix.Builders);
        return new HostCapabilities(HostPlatform.ForNixSystem(nix.System, machine.Libc), nix, BinfmtProbe.Read(request.BinfmtFolder))
        {
            // An x86_64 kernel may lack IA32 emulation: ask it rather than assume it runs i686 code.
            RunsI386Code = nix.System == "x86_64-linux" ? I386Probe.Run() : null,
            Builders = builders,
            Substituters = [.. request.Substituters, .. nix.Substituters.Where(s => !request.Substituters.Contains(s))],
        };
    }

    /// <summary>Warns once per build about caches and builders Nix will ignore or not use for these targets.</summary>
    private HostCapabilities CheckScaleOut(HostCapabilities host, PreparedBuild prepared)
    {
        var request = prepared.Request;
        var foreign = prepared.Targets.Where(t => !host.RunsDirectly(t.Target)).Select(t => t.Target.NixSystem).Distinct().ToList();
        var findings = ScaleOutCheck.Check(host.Nix, request.Substituters, request.TrustedPublicKeys, request.Builders, host.Builders, foreign);
        foreach (var (code, message) in findings)
        {
            log.LogWarning(code, message);
        }

        return host with { ScaleOutFindings = findings };
    }

    /// <summary>The host as probed; for an untrusted user, Nix itself is asked whether it builds each foreign system an emulator could serve.</summary>
    public async Task<HostCapabilities> ProbeForPlanningAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var host = CheckScaleOut(await ProbeAsync(prepared.Request, cancellation).ConfigureAwait(false), prepared);
        if (host.Nix.Trusted)
        {
            return host;
        }

        // An untrusted user's extra-platforms may be ignored by the daemon: ask Nix itself.
        var probe = new SystemProbe(runner);
        var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var system in prepared.Targets.Where(t => t.Strategy is Strategy.Auto or Strategy.Emulated && !host.RunsDirectly(t.Target) && host.HandlerFor(t.Target) is not null)
            .Select(t => t.Target.NixSystem).Distinct())
        {
            probed[system] = await probe.AcceptsAsync(system, prepared.Request.NixOptions, cancellation).ConfigureAwait(false);
            log.LogMessage(LogImportance.Normal, $"CrossSdk: test build for {system}: Nix {(probed[system] ? "accepts" : "refuses")} it");
        }

        return host with { ProbedSystems = probed };
    }
}
