namespace CrossSdk.Host;

/// <summary>What the host's Nix says about itself.</summary>
/// <param name="Version">The Nix version (Lix and Determinate: the Nix version they track).</param>
/// <param name="VersionText">`nix --version` as printed.</param>
/// <param name="System">Nix's `system` setting: what it builds natively.</param>
/// <param name="ExtraPlatforms">Nix's `extra-platforms`: other systems it will build.</param>
internal sealed record NixHostInfo(Version Version, string VersionText, string System, IReadOnlyList<string> ExtraPlatforms)
{
    /// <summary>`sandbox`: true, false or relaxed.</summary>
    public string Sandbox { get; init; } = "true";

    /// <summary>`builders`: remote build machines (or @file).</summary>
    public string Builders { get; init; } = "";

    public IReadOnlyList<string> TrustedUsers { get; init; } = [];

    /// <summary>`substituters` (with extra-substituters merged in): the binary caches Nix asks.</summary>
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>`trusted-substituters`: caches a daemon also takes from an untrusted user.</summary>
    public IReadOnlyList<string> TrustedSubstituters { get; init; } = [];

    /// <summary>`trusted-public-keys`: the keys whose signatures Nix accepts on fetched paths.</summary>
    public IReadOnlyList<string> TrustedPublicKeys { get; init; } = [];

    /// <summary>
    /// Whether Nix honours this user's settings such as extra-platforms: a local store (root, or a
    /// writable /nix/var/nix) or a name in trusted-users. A daemon ignores an untrusted user's
    /// extra-platforms (silently before 2.22).
    /// </summary>
    public bool Trusted { get; init; }

    public bool Accepts(string system) => System == system || ExtraPlatforms.Contains(system);
}
