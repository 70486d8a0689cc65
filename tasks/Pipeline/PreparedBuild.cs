using CrossSdk.Artifacts;
using CrossSdk.Incremental;
using CrossSdk.Nix.Expressions;
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

    /// <summary>CrossGlibcFloor=dotnet: no shipped file may need a newer glibc than .NET itself on its RID (CROSS0126).</summary>
    public bool DotnetFloor { get; init; }

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

    /// <summary>What the key covers of what Nix read (the last build's record, then this build's evaluation).</summary>
    public InputSet? Inputs { get; init; }

    /// <summary>Each nixpkgs of the build with the setting that named it (CrossNixpkgs, Nixpkgs metadata).</summary>
    public IReadOnlyList<(string? Setting, NixpkgsSource Source)> NixpkgsUsed { get; init; } = [];

    /// <summary>The walks of the nixpkgs folders the key's fingerprints were made from, reused for the proof.</summary>
    public NixpkgsWalks NixpkgsWalks { get; init; } = new();

    /// <summary>CrossInput items and overlay files: what Nix may not report, keyed as declared.</summary>
    public IReadOnlyList<string> DeclaredInputs { get; init; } = [];

    /// <summary>The key's lines from the settings alone; <see cref="KeyLines"/> adds what Nix read.</summary>
    public IReadOnlyList<string> SettingsLines { get; init; } = [];

    /// <summary>Folders whose files are no inputs of their own: every nixpkgs folder (fingerprinted) and obj/cross/ (generated).</summary>
    public IReadOnlyList<string> IgnoredFolders =>
        [.. NixpkgsUsed.Select(n => n.Source.Path).OfType<string>(), Request.IntermediateDirectory];

    /// <summary>
    /// The key and MSBuild's proof over the settings and <paramref name="inputs"/>: from the
    /// working tree before a build, from Nix's copies of its sources right after an evaluation.
    /// Every file and folder is statted before it is hashed, so an edit while the key reads it
    /// is newer than the proof's time.
    /// </summary>
    public PreparedBuild WithInputs(InputSet? inputs, bool fromSnapshots)
    {
        var digest = InputDigest.Of(inputs, DeclaredInputs, fromSnapshots, Request.ProjectDirectory);
        var lines = SettingsLines.Concat(digest.KeyLines).ToList();
        return this with
        {
            Inputs = inputs,
            KeyLines = lines,
            Key = BuildKey.Compute(lines),
            Proof = UpToDateProof.For(Request.ProjectDirectory, NixpkgsUsed, digest.Entries, NixpkgsWalks),
        };
    }
}

