using CrossSdk.Settings;

namespace CrossSdk.Pipeline;

/// <summary>
/// What the host probe reads of the settings (<see cref="HostProbing"/>): which nix, where its
/// answer is cached, binfmt_misc, and the caches, keys and builders the user named. Resolved by
/// stage 1, and by CrossDoctor from a request that may not resolve in full.
/// </summary>
/// <param name="IntermediateDirectory">obj/cross/: the probe cache without a home, the builders' answers.</param>
/// <param name="NixExecutable">CrossNixExecutable: keys the cached probe.</param>
/// <param name="BinfmtFolder">binfmt_misc, read for emulation support.</param>
internal sealed record HostSettings(string IntermediateDirectory, string NixExecutable, string BinfmtFolder)
{
    /// <summary>$HOME: the probe cache lives under it (unless XDG_CACHE_HOME says where).</summary>
    public string? Home { get; init; }

    /// <summary>CrossBuilders, as given (Nix's `builders` syntax).</summary>
    public string? Builders { get; init; }

    /// <summary>CrossSubstituters.</summary>
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>CrossTrustedPublicKeys.</summary>
    public IReadOnlyList<string> TrustedPublicKeys { get; init; } = [];

    /// <summary>Every nix call's options (CrossSdk's scale-out options, then the user's).</summary>
    public IReadOnlyList<string> NixOptions { get; init; } = [];

    public static HostSettings From(CrossBuildRequest request) => new(request.IntermediateDirectory, request.NixExecutable, request.BinfmtFolder)
    {
        Home = request.Home,
        Builders = request.Builders,
        Substituters = request.Substituters,
        TrustedPublicKeys = request.TrustedPublicKeys,
        NixOptions = request.NixOptions,
    };
}
