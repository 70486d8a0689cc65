namespace CrossSdk.Nix.Log;

/// <summary>Where Nix stands: derivations built of expected, what runs, store paths and bytes fetched of expected.</summary>
internal sealed record NixProgressSnapshot(
    TimeSpan Elapsed,
    bool Realising,
    long Built,
    long ExpectedBuilds,
    long FailedBuilds,
    IReadOnlyList<RunningBuild> Running,
    long PathsFetched,
    long ExpectedPaths,
    long BytesFetched,
    long ExpectedBytes,
    bool Downloading);
