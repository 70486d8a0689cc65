using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stage 5: builds (or fetches) the chosen plans' derivations in one `nix build`, with GC roots in
/// obj/cross/gcroots, from the derivation paths the one evaluation gave.
/// </summary>
internal sealed class Realiser
{
    /// <summary>
    /// Out-links are GC roots: outputs and each target's toolchain survive nix-collect-garbage.
    /// Each build's links are named after its key (result-KEY, result-KEY-1, ...); the last good
    /// build's links stay until a new build has shipped (<see cref="DropOtherRoots"/>), so a
    /// failed build never leaves the manifest it keeps pointing at unrooted store paths.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Installable, string>> RealiseAsync(NixBuildService nix, Evaluation evaluation, PreparedBuild prepared, CancellationToken cancellation)
    {
        var plan = evaluation.Plan;
        var rootsDirectory = Path.Combine(prepared.IntermediateDirectory, RootsFolder);
        Directory.CreateDirectory(rootsDirectory);
        var chosenAttributes = evaluation.Chosen.ToList();
        if (chosenAttributes.Any(a => a.Value is null))
        {
            // Neither candidate of a target evaluated: evaluate again without tolerance, so that
            // Nix's own error (file and line) is what the user sees. Only on this failure path.
            await nix.EvaluateAsync(evaluation.File, evaluation.Expression, [], prepared.NixOptions, cancellation).ConfigureAwait(false);
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"Nix evaluated {evaluation.File} only when asked a second time; please report it with `nix --version`.");
        }

        var chosen = chosenAttributes.ToDictionary(a => a.Key, a => a.Value!);
        var rooted = RootedPaths(rootsDirectory);
        if (chosen.Values.All(v => rooted.Contains(v.OutPath)))
        {
            // The key changed but not what Nix builds (a setting of the shipping, a comment in a
            // package file): every output is still in the store under one of the last build's
            // GC roots, so there is nothing to build and no process to start.
            return chosen.ToDictionary(a => a.Key, a => a.Value.OutPath);
        }

        return await nix
            .RealiseAsync(chosen, Path.Combine(rootsDirectory, LinkPrefix(prepared.Key)), evaluation.File, NixOptions(prepared.NixOptions, plan), cancellation)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// What the build realised, as installables (for a push to a cache): the chosen plans'
    /// derivation outputs in the form the build named them. Before Nix 2.13 that is the bare .drv
    /// path, which realises (and `nix copy` sends) every output of the derivation: pushing only
    /// the selected output would leave a cache that cannot serve the next build of that .drv.
    /// </summary>
    public static IReadOnlyList<string> RealisedInstallables(Evaluation evaluation)
    {
        return evaluation.Chosen
            .Where(a => a.Value is not null)
            .Select(a => NixCommandLine.Installable(a.Value!.Output, evaluation.Plan.Host.Nix.Version))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>After a build shipped: the GC roots of earlier builds go, but for those of this build's outputs.</summary>
    public static void DropOtherRoots(PreparedBuild prepared, IEnumerable<string> outputs)
    {
        var key = prepared.Key;
        var rootsDirectory = Path.Combine(prepared.IntermediateDirectory, RootsFolder);
        var kept = outputs.ToHashSet(StringComparer.Ordinal);
        foreach (var link in Directory.EnumerateFileSystemEntries(rootsDirectory).Where(l => !Path.GetFileName(l).StartsWith(LinkPrefix(key), StringComparison.Ordinal)).ToList())
        {
            if (new FileInfo(link).LinkTarget is not { } target || !kept.Contains(target))
            {
                File.Delete(link);
            }
        }
    }

    /// <summary>The store paths the out-links in gcroots/ point to and that exist (each link is an indirect GC root of Nix's).</summary>
    private static HashSet<string> RootedPaths(string rootsDirectory) =>
        Directory.EnumerateFileSystemEntries(rootsDirectory)
            .Select(l => new FileInfo(l).LinkTarget)
            .OfType<string>()
            .Where(t => Directory.Exists(t) || File.Exists(t))
            .ToHashSet(StringComparer.Ordinal);

    private const string RootsFolder = "gcroots";

    private static string LinkPrefix(string key) => "result-" + key[..Math.Min(12, key.Length)];

    /// <summary>
    /// The user's options, after the extra-platforms an emulated plan needs: Nix builds a foreign
    /// system only when it is listed, and takes the list from a trusted user (the planner refused
    /// the untrusted case). The user's own options come last, so they win.
    /// </summary>
    private static IReadOnlyList<string> NixOptions(IReadOnlyList<string> options, BuildPlan plan)
    {
        var missing = plan.Plans
            .Where(p => p.Strategy != Strategy.Cross && !plan.Host.Nix.Accepts(p.Target.NixSystem))
            .Select(p => p.Target.NixSystem)
            .Distinct()
            .ToList();
        if (missing.Count == 0)
        {
            return options;
        }

        var platforms = string.Join(" ", plan.Host.Nix.ExtraPlatforms.Concat(missing).Distinct());
        return ["--option", "extra-platforms", platforms, .. options];
    }
}
