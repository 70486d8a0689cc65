using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tools;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stage 2: what the host can do: Nix's version and settings (cached in the user's cache folder, see
/// <see cref="HostProbeCache"/>), binfmt_misc, and for an untrusted user a test build per
/// foreign system.
/// </summary>
internal sealed class HostProbing(IToolRunner runner, ICrossLog log, TargetPlatform machine)
{

    /// <summary>
    /// The probe cache lives in the user's cache folder ($XDG_CACHE_HOME/crosssdk, else
    /// ~/.cache/crosssdk): Nix's answer depends on the user and the machine, not on the project,
    /// and a build whose obj/ was wiped (a CI job, `git clean`) need not ask again. Without a
    /// home, obj/cross/ holds it.
    /// </summary>
    internal static string ProbeFolder(HostSettings settings)
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg
            : settings.Home is { Length: > 0 } home && Path.IsPathRooted(home) ? Path.Combine(home, ".cache")
            : null;
        return cache is null ? settings.IntermediateDirectory : Path.Combine(cache, "crosssdk");
    }

    public async Task<HostCapabilities> ProbeAsync(HostSettings settings, CancellationToken cancellation)
    {
        var cache = new HostProbeCache(ProbeFolder(settings), settings.NixExecutable);
        var nix = NixHostProbe.WithTrust(await cache.GetAsync(() => new NixHostProbe(runner).ProbeAsync(cancellation)).ConfigureAwait(false));
        log.LogMessage(LogImportance.Normal, $"CrossSdk: {nix.VersionText} on {nix.System}");
        // --builders counts only for a trusted user; otherwise the daemon's own builders are used.
        var builders = BuilderList.Parse(nix.Trusted && !string.IsNullOrWhiteSpace(settings.Builders) ? settings.Builders : nix.Builders);
        return new HostCapabilities(HostPlatform.ForNixSystem(nix.System, machine.Libc), nix, BinfmtProbe.Read(settings.BinfmtFolder))
        {
            // An x86_64 kernel may lack IA32 emulation: ask it rather than assume it runs i686 code.
            RunsI386Code = nix.System == "x86_64-linux" ? I386Probe.Run() : null,
            Builders = builders,
            Substituters = [.. settings.Substituters, .. nix.Substituters.Where(s => !settings.Substituters.Contains(s))],
        };
    }

    /// <summary>Warns once per build about caches and builders Nix will ignore or not use for these targets.</summary>
    private HostCapabilities CheckScaleOut(HostCapabilities host, PreparedBuild prepared)
    {
        var settings = prepared.Host;
        var foreign = prepared.Targets.Where(t => !host.RunsDirectly(t.Target)).Select(t => t.Target.NixSystem).Distinct().ToList();
        var findings = ScaleOutCheck.Check(host.Nix, settings.Substituters, settings.TrustedPublicKeys, settings.Builders, host.Builders, foreign);
        foreach (var (code, message) in findings)
        {
            log.LogWarning(code, message);
        }

        return host with { ScaleOutFindings = findings };
    }

    /// <summary>
    /// The host as probed; for an untrusted user, Nix itself is asked whether it builds each
    /// foreign system an emulator could serve; and every remote builder the plan could use is
    /// asked whether it answers (<see cref="BuilderCheck"/>), beside the rest of the probe. A
    /// builder that does not answer is ruled out with CROSS0076.
    /// </summary>
    public async Task<HostCapabilities> ProbeForPlanningAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var settings = prepared.Host;
        var check = new BuilderCheck(
            new StorePing(runner),
            Path.Combine(settings.IntermediateDirectory, BuilderCheck.CacheFileName),
            new HostProbeCache(ProbeFolder(settings), settings.NixExecutable).Key());
        // Systems only a builder or an emulator can build: the builders serving them are the ones the plan could use.
        var foreign = prepared.Targets.Select(t => t.Target).Where(t => t.NixSystem != machine.NixSystem
            && !(Cpus.ForNixSystem(t.NixSystem)?.RunsDirectlyOn.Contains(machine.NixSystem) ?? false)).Select(t => t.NixSystem).ToHashSet(StringComparer.Ordinal);
        var answers = new Dictionary<string, Task<string?>>(StringComparer.Ordinal);
        void Ask(IEnumerable<BuilderMachine> builders)
        {
            foreach (var builder in BuilderCheck.Relevant(builders, foreign).Where(b => !answers.ContainsKey(b.StoreUri)))
            {
                answers[builder.StoreUri] = check.CheckAsync(builder, settings.NixOptions, cancellation);
            }
        }

        // CrossBuilders are known before Nix is asked: ask them while it is (a trusted user's are the ones Nix uses).
        Ask(BuilderList.Parse(settings.Builders));
        var host = CheckScaleOut(await ProbeAsync(settings, cancellation).ConfigureAwait(false), prepared);
        Ask(host.Builders);

        if (!host.Nix.Trusted)
        {
            // An untrusted user's extra-platforms may be ignored by the daemon: ask Nix itself.
            var probe = new SystemProbe(runner);
            var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var system in prepared.Targets.Where(t => t.Strategy is Strategy.Auto or Strategy.Emulated && !host.RunsDirectly(t.Target) && host.HandlerFor(t.Target) is not null)
                .Select(t => t.Target.NixSystem).Distinct())
            {
                probed[system] = await probe.AcceptsAsync(system, settings.NixOptions, cancellation).ConfigureAwait(false);
                log.LogMessage(LogImportance.Normal, $"CrossSdk: test build for {system}: Nix {(probed[system] ? "accepts" : "refuses")} it");
            }

            host = host with { ProbedSystems = probed };
        }

        await Task.WhenAll(answers.Values).ConfigureAwait(false);
        var unanswered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var builder in BuilderCheck.Relevant(host.Builders, foreign))
        {
            if (await answers[builder.StoreUri].ConfigureAwait(false) is { } reason && unanswered.TryAdd(builder.StoreUri, reason))
            {
                var systems = string.Join(", ", foreign.Where(builder.Serves).OrderBy(s => s, StringComparer.Ordinal));
                log.LogWarning(DiagnosticCodes.BuilderNotAnswering,
                    $"the remote builder {builder.StoreUri} did not answer ({reason}), so CrossSdk does not plan {systems} with it: " +
                    "those targets are planned as if it were not there (cross, or emulated under QEMU on this machine), and Nix builds on this machine what it cannot send there. " +
                    $"Fix: start the builder, or check that this user reaches it (`nix store ping --store {builder.StoreUri}`; ssh reads NIX_SSHOPTS and ~/.ssh/config), or remove it from CrossBuilders (or Nix's builders setting).");
            }
            else
            {
                log.LogMessage(LogImportance.Low, $"CrossSdk: the remote builder {builder.StoreUri} answers");
            }
        }

        return host with { UnansweredBuilders = unanswered };
    }
}
