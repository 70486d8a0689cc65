using CrossSdk.Artifacts;
using CrossSdk.Incremental;
using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Pipeline;

/// <summary>A request resolved without any process: packages, targets, strategies, nixpkgs and the up-to-date key.</summary>
internal sealed record PreparedBuild(
    CrossBuildRequest Request,
    IReadOnlyList<PackageSpec> Packages,
    IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> Targets,
    NixpkgsSource Nixpkgs,
    IReadOnlyList<string> KeyLines,
    string Key)
{
    public string ManifestPath => Manifest.PathIn(Request.IntermediateDirectory);

    public PortabilityMode Portability { get; init; }

    public Version? GlibcFloor { get; init; }

    /// <summary>What lets MSBuild skip the next build by timestamps (obj/cross/up-to-date.txt).</summary>
    public UpToDateProof? Proof { get; init; }
}

