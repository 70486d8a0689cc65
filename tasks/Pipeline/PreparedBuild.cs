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

    /// <summary>Targets with a nixpkgs of their own (Nixpkgs metadata), by RID; the others use <see cref="Nixpkgs"/>.</summary>
    public IReadOnlyDictionary<string, NixpkgsSource> TargetNixpkgs { get; init; } = new Dictionary<string, NixpkgsSource>();

    /// <summary>The newest glibc each target's shipped files may need (CrossGlibc, Glibc metadata), by RID.</summary>
    public IReadOnlyDictionary<string, Version> TargetGlibc { get; init; } = new Dictionary<string, Version>();

    /// <summary>The nixpkgs a target is built with.</summary>
    public NixpkgsSource NixpkgsFor(TargetPlatform target) => TargetNixpkgs.GetValueOrDefault(target.Rid) ?? Nixpkgs;

    /// <summary>Evaluation needs the `flakes` feature: some nixpkgs of the build is a flake.</summary>
    public bool NeedsFlakes => Nixpkgs.NeedsFlakes || TargetNixpkgs.Values.Any(n => n.NeedsFlakes);

    /// <summary>What lets MSBuild skip the next build by timestamps (obj/cross/up-to-date.txt).</summary>
    public UpToDateProof? Proof { get; init; }
}

