using CrossSdk.Diagnostics;

namespace CrossSdk.Platforms;

/// <summary>
/// The RID graph's trap: a musl app (linux-musl-x64) or an Android one (linux-bionic-arm64,
/// android-arm64) falls back to linux-x64 or linux-arm64, so a package that ships only glibc
/// files makes it load a glibc library, which fails at run time with a loader error that names
/// no package. Finds every such RID of the graph and says, per C library, what fixes it.
/// </summary>
internal static class RidFallbacks
{
    /// <summary>Every RID of the graph whose first fallback with shipped files is for another C library.</summary>
    public static IReadOnlyList<RidFallback> Find(RidGraph graph, IEnumerable<string> shippedRids)
    {
        var shipped = new HashSet<string>(shippedRids.Where(r => r.Length > 0), StringComparer.OrdinalIgnoreCase);
        var found = new List<RidFallback>();
        foreach (var rid in graph.Rids)
        {
            if (shipped.Contains(rid) || graph.LinuxLibc(rid) is not { } libc)
            {
                continue;
            }

            // NuGet takes the first RID of the chain that has files; only that one is loaded.
            var from = graph.Expand(rid).FirstOrDefault(shipped.Contains);
            if (from is not null && graph.LinuxLibc(from) is { } shippedLibc && shippedLibc != libc)
            {
                found.Add(new RidFallback(rid, libc, from, shippedLibc));
            }
        }

        return found;
    }

    /// <summary>
    /// One coded warning per C library whose apps fall back: musl (CROSS0120, fixed by adding
    /// the musl targets CrossSdk's catalog has) and bionic (CROSS0121: Android, which CrossSdk
    /// does not build for). Each lists the RIDs with what they fall back to.
    /// </summary>
    public static IReadOnlyList<(string Code, string Text)> Warnings(IReadOnlyList<RidFallback> fallbacks, IReadOnlyList<string> shippedRids, string graphPath)
    {
        var warnings = new List<(string, string)>();
        // In the order the project ships its RIDs, so the CrossTargets line reads like the project's.
        fallbacks = fallbacks.OrderBy(f => IndexOf(shippedRids, f.FallsBackTo)).ThenBy(f => f.Rid, StringComparer.Ordinal).ToList();
        var musl = fallbacks.Where(f => f.Libc == "musl").ToList();
        if (musl.Count > 0)
        {
            var buildable = musl.Where(f => PlatformCatalog.TryResolve(f.Rid) is { } t && string.Equals(t.Rid, f.Rid, StringComparison.OrdinalIgnoreCase)).Select(f => f.Rid).ToList();
            var unbuildable = musl.Select(f => f.Rid).Except(buildable, StringComparer.OrdinalIgnoreCase).ToList();
            var fix = buildable.Count > 0
                ? $" Build the musl targets too: <CrossTargets>{string.Join(";", shippedRids.Concat(buildable).Distinct(StringComparer.OrdinalIgnoreCase))}</CrossTargets>."
                : "";
            var none = unbuildable.Count > 0
                ? $" CrossSdk's catalog has no target for {string.Join(", ", unbuildable)}: a <CrossTarget Include=\"<musl GNU triple>\" Rid=\"<rid>\" /> may build one."
                : "";
            warnings.Add((DiagnosticCodes.MuslFallsBackToGlibc,
                $"A musl app (Alpine) would load a native library built for glibc. In the RID graph of the .NET SDK in use ({UserText.Display(graphPath)}), {List(musl)}, and this package ships no musl files for them, so the app fails at run time with a loader error (for example 'Error loading shared library libc.so.6' or 'symbol not found')." +
                fix + none));
        }

        var bionic = fallbacks.Where(f => f.Libc == "bionic").ToList();
        if (bionic.Count > 0)
        {
            warnings.Add((DiagnosticCodes.BionicFallsBackToGlibc,
                $"An Android app would load a native library built for glibc. In the RID graph of the .NET SDK in use ({UserText.Display(graphPath)}), {List(bionic)}, and a glibc library does not load with Android's bionic C library. " +
                "CrossSdk does not build for bionic (its catalog has no Android target): build the Android libraries with the Android NDK and ship them under runtimes/android-<arch>/native/, or, if the package does not support Android, say so in its description and add CROSS0121 to NoWarn."));
        }

        return warnings;
    }

    private static int IndexOf(IReadOnlyList<string> rids, string rid)
    {
        for (var i = 0; i < rids.Count; i++)
        {
            if (string.Equals(rids[i], rid, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return rids.Count;
    }

    // "linux-musl-x64 falls back to linux-x64, linux-musl-arm64 to linux-arm64"
    private static string List(IReadOnlyList<RidFallback> fallbacks) =>
        string.Join(", ", fallbacks.Select((f, i) => i == 0 ? $"{f.Rid} falls back to {f.FallsBackTo}" : $"{f.Rid} to {f.FallsBackTo}"));
}
