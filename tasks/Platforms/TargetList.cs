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
            return explicitTargets
                .Select(t => PlatformCatalog.Resolve(t, "CrossTarget", rids is not null && rids.TryGetValue(t.Trim(), out var rid) ? rid : null))
                .Distinct()
                .ToList();
        }

        if (!string.IsNullOrWhiteSpace(runtimeIdentifier))
        {
            return [PlatformCatalog.Resolve(runtimeIdentifier!, "RuntimeIdentifier")];
        }

        return [host];
    }
}
