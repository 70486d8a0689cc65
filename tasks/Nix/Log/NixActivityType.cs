namespace CrossSdk.Nix.Log;

/// <summary>
/// Activity and result types of Nix's logger that CrossSdk reads: the ActivityType and ResultType
/// enums of src/libutil/logging.hh, unchanged from 2.4 to 2.3x and in Lix.
/// </summary>
internal static class NixActivityType
{
    /// <summary>One store path copied into the store (fields: path, from, to); progress in bytes.</summary>
    public const int CopyPath = 100;

    /// <summary>One download (field: URL); progress in bytes.</summary>
    public const int FileTransfer = 101;

    /// <summary>The whole realisation; its results set the expected totals of the other types.</summary>
    public const int Realise = 102;

    /// <summary>All substitutions; progress counts paths.</summary>
    public const int CopyPaths = 103;

    /// <summary>All builds; progress counts derivations.</summary>
    public const int Builds = 104;

    /// <summary>One derivation built (fields: drv path, machine or "", round, rounds).</summary>
    public const int Build = 105;

    /// <summary>One path fetched from a substituter (fields: path, substituter URI).</summary>
    public const int Substitute = 108;

    public const int ResultBuildLogLine = 101;

    /// <summary>The builder's current phase (field: phase name), from nixpkgs' setup.sh.</summary>
    public const int ResultSetPhase = 104;

    /// <summary>Fields [done, expected, running, failed] of the activity.</summary>
    public const int ResultProgress = 105;

    /// <summary>Fields [activity type, expected]: the total of that type this activity expects.</summary>
    public const int ResultSetExpected = 106;
}
