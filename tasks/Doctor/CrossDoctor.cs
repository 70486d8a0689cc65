using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Pipeline;
using CrossSdk.Planning.Choice;
using CrossSdk.Settings;

namespace CrossSdk.Doctor;

/// <summary>
/// CrossDoctor's work, beside the build service and through it: it probes and plans as a build
/// would (the same stages, the same runners), but collects each failure instead of stopping at the
/// first, and asks each builder and cache whether it answers. Builds nothing.
/// </summary>
internal sealed class CrossDoctor(CrossBuildService service)
{
    /// <summary>Probes and plans as a build would, but collects failures instead of stopping at the first; then asks each builder and cache whether it answers.</summary>
    public async Task<Diagnosis> DiagnoseAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        var diagnosis = await DiagnoseCoreAsync(request, cancellation).ConfigureAwait(false);
        if (diagnosis.Host is not { } host)
        {
            return diagnosis;
        }

        var builders = new List<StoreAnswer>();
        foreach (var builder in host.Builders)
        {
            var detail = $"systems {(builder.Systems.Count == 0 ? "(Nix's own)" : string.Join(",", builder.Systems))}; features {(builder.SupportedFeatures.Count == 0 ? "(none)" : string.Join(",", builder.SupportedFeatures))}";
            builders.Add(new StoreAnswer(builder.StoreUri, detail, await service.PingAsync(builder.StoreUri, request.NixOptions, cancellation).ConfigureAwait(false)));
        }

        var caches = new List<StoreAnswer>();
        foreach (var cache in host.Substituters)
        {
            caches.Add(new StoreAnswer(cache, "", await service.PingAsync(cache, request.NixOptions, cancellation).ConfigureAwait(false)));
        }

        return diagnosis with { Builders = builders, Caches = caches };
    }

    private async Task<Diagnosis> DiagnoseCoreAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        PreparedBuild? prepared = null;
        CrossException? prepareError = null;
        try
        {
            prepared = service.Prepare(request);
        }
        catch (CrossException ex)
        {
            prepareError = ex;
        }

        HostCapabilities? host = null;
        CrossException? hostError = null;
        try
        {
            host = await service.ProbeAsync(HostSettings.From(request), cancellation).ConfigureAwait(false);
        }
        catch (CrossException ex)
        {
            hostError = ex;
        }

        var targets = new List<TargetDiagnosis>();
        if (prepared is not null && host is not null)
        {
            try
            {
                // The planned host: for an untrusted user it holds what the test builds showed.
                var plan = await service.PlanAsync(prepared, cancellation).ConfigureAwait(false);
                targets.AddRange(plan.Plans.Select(p => new TargetDiagnosis(p.Target, p, null, plan.Host.Assess(p.Target))));
                return new Diagnosis(request, prepared, null, plan.Host, null, targets);
            }
            catch (CrossException ex)
            {
                // Plan each target on its own below, to say which one failed and why.
                prepareError = ex;
            }
        }

        IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> requested;
        try
        {
            requested = prepared?.Targets ?? service.ResolveTargets(request);
        }
        catch (CrossException ex)
        {
            return new Diagnosis(request, prepared, prepareError ?? ex, host, hostError, targets);
        }

        foreach (var (target, strategy) in requested)
        {
            if (host is null)
            {
                targets.Add(new TargetDiagnosis(target, null, hostError, null));
                continue;
            }

            try
            {
                var plan = Planner.Plan(target, strategy, host)
                    ?? new TargetPlan(target, Strategy.Cross, "auto would compare the cost of cross and emulated builds with a dry run; see the problems below for why it could not");
                targets.Add(new TargetDiagnosis(target, plan, null, host.Assess(target)));
            }
            catch (CrossException ex)
            {
                targets.Add(new TargetDiagnosis(target, null, ex, host.Assess(target)));
            }
        }

        return new Diagnosis(request, prepared, prepareError, host, hostError, targets);
    }
}
