namespace CrossSdk.Host;

/// <summary>
/// One line of Nix's `builders` setting or machines file: `URI SYSTEMS SSH-KEY MAX-JOBS
/// SPEED-FACTOR SUPPORTED-FEATURES MANDATORY-FEATURES PUBLIC-HOST-KEY`, `-` for a default
/// (Nix's src/libstore/machines.cc; unchanged from 2.8).
/// </summary>
/// <param name="Uri">ssh://user@host, ssh-ng://host, or a bare host (ssh://).</param>
/// <param name="Systems">The systems it builds; none given means Nix's own system.</param>
internal sealed record BuilderMachine(string Uri, IReadOnlyList<string> Systems, IReadOnlyList<string> SupportedFeatures, IReadOnlyList<string> MandatoryFeatures)
{
    /// <summary>nixpkgs' gcc (every toolchain) asks for this feature: a builder without it never builds a toolchain.</summary>
    public const string BigParallel = "big-parallel";

    /// <summary>Whether the line names no system (Nix then assumes the local one).</summary>
    public bool SystemsGiven { get; init; } = true;

    public bool Serves(string system) => Systems.Contains(system);

    public bool Supports(string feature) => SupportedFeatures.Contains(feature) || MandatoryFeatures.Contains(feature);

    /// <summary>The address for `nix store ping --store`: a bare host is an ssh:// builder.</summary>
    public string StoreUri => Uri.Contains("://", StringComparison.Ordinal) ? Uri : "ssh://" + Uri;
}
