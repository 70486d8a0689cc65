using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Run;

/// <summary>
/// What CrossDoctor says of Wine: the 64-bit loader `dotnet run` would start (or why none), its
/// version, and for win-x64, win-x86 and win-arm64 the prefix a run uses or the coded error a run
/// gets. Made with <see cref="Wine.Find"/> and <see cref="Wine.PrefixFolder"/>, the very rules a
/// run follows, so the report cannot say a target runs when `dotnet run` would refuse it.
/// </summary>
internal sealed record WineStatus(string? Loader, string? Version, CrossException? LoaderError, IReadOnlyList<WineTargetStatus> Targets)
{
    private static readonly string[] Rids = ["win-x64", "win-x86", "win-arm64"];

    /// <param name="pathDirectories">PATH's folders.</param>
    /// <param name="resolve">A file's resolved path, or null when it does not exist.</param>
    /// <param name="runsI386Code">What <see cref="Host.I386Probe"/> found.</param>
    /// <param name="environment">Environment variables (XDG_CACHE_HOME, HOME) for the prefix.</param>
    /// <param name="versionOf">`loader --version`'s first line, or null when it did not answer.</param>
    public static WineStatus Probe(IReadOnlyList<string> pathDirectories, Func<string, string?> resolve, bool? runsI386Code, Func<string, string?> environment, Func<string, string?> versionOf)
    {
        var targets = new List<WineTargetStatus>();
        foreach (var rid in Rids)
        {
            var target = PlatformCatalog.TryResolve(rid)!;
            try
            {
                var (loader, _) = Wine.Find(target, pathDirectories, resolve, runsI386Code);
                targets.Add(new WineTargetStatus(rid, loader, Wine.PrefixFolder(rid, environment), null));
            }
            catch (CrossException ex)
            {
                targets.Add(new WineTargetStatus(rid, null, null, ex));
            }
        }

        var x64 = targets[0];
        return new WineStatus(x64.Loader, x64.Loader is { } found ? versionOf(found) : null, x64.Error, targets);
    }
}
