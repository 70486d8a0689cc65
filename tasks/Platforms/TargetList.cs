using CrossSdk.Diagnostics;

namespace CrossSdk.Platforms;

/// <summary>Parses CrossTarget/CrossTargets values.</summary>
internal static class TargetList
{
    /// <summary>
    /// Splits a list on ',' and ';'. Users type commas: a ';' in `-p:` must be quoted in POSIX shells
    /// and MSBuild itself splits it (see docs/targets.md#several-targets-on-the-command-line), so both are accepted.
    /// </summary>
    public static IReadOnlyList<string> Split(params string?[] values) =>
        values
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    /// <summary>
    /// The targets of a build: the explicit list if any; else the RID's target; else the host.
    /// Duplicates (linux-arm64 and aarch64-linux) collapse to one, in first-seen order.
    /// </summary>
    public static IReadOnlyList<TargetPlatform> Resolve(
        IReadOnlyList<string> explicitTargets,
        string? runtimeIdentifier,
        TargetPlatform host,
        IReadOnlyDictionary<string, string>? rids = null)
    {
        if (explicitTargets.Count > 0)
        {
            var targets = explicitTargets
                .Select(t => (Spelling: t.Trim(), Target: PlatformCatalog.Resolve(t, "CrossTarget", rids is not null && rids.TryGetValue(t.Trim(), out var rid) ? rid : null)))
                .ToList();
            RequireOneTargetPerRid(targets);
            return targets.Select(t => t.Target).Distinct().ToList();
        }

        if (!string.IsNullOrWhiteSpace(runtimeIdentifier))
        {
            return [PlatformCatalog.Resolve(runtimeIdentifier!, "RuntimeIdentifier")];
        }

        return [host];
    }

    /// <summary>
    /// Each RID names one runtimes/&lt;rid&gt;/native/ folder and one package set in the generated Nix:
    /// two different targets for one RID (mingwW64 and ucrt64 are both win-x64) would overwrite
    /// each other's files, so that is CROSS0101 naming both spellings.
    /// </summary>
    private static void RequireOneTargetPerRid(IReadOnlyList<(string Spelling, TargetPlatform Target)> targets)
    {
        foreach (var group in targets.GroupBy(t => t.Target.Rid, StringComparer.OrdinalIgnoreCase))
        {
            var distinct = group.DistinctBy(t => t.Target).ToList();
            if (distinct.Count > 1)
            {
                throw new CrossException(
                    DiagnosticCodes.TargetsShareRid,
                    $"CrossTargets names {string.Join(" and ", distinct.Select(t => $"'{UserText.Display(t.Spelling)}' ({t.Target})"))}, which all ship to runtimes/{group.Key}/native/: " +
                    "one RID holds one build of the native files. Keep one of them (for Windows x64: mingwW64, the msvcrt default, or ucrt64), " +
                    "or give one a RID of its own with Rid metadata.");
            }
        }
    }
}
