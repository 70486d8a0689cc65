using CrossSdk.Planning;

namespace CrossSdk.Pipeline;

/// <summary>
/// Everything a project's native build depends on, as the CrossBuild task receives it. The whole
/// record is part of the up-to-date key (<see cref="InputResolver"/>), so a setting added here is
/// keyed without anyone having to remember it; one that cannot change the result says so with
/// [JsonIgnore].
/// </summary>
internal sealed record CrossBuildRequest
{
    public required string ProjectDirectory { get; init; }

    /// <summary>obj/cross/: generated Nix, GC roots, collected files, manifest.</summary>
    public required string IntermediateDirectory { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    public string? RuntimeIdentifier { get; init; }

    public string? Strategy { get; init; }

    /// <summary>Per-target strategies from CrossTarget item metadata (target spelling -> strategy).</summary>
    public IReadOnlyDictionary<string, string> TargetStrategies { get; init; } = new Dictionary<string, string>();

    /// <summary>Rid metadata of CrossTarget items (target spelling -> RID), for triples .NET has no RID for.</summary>
    public IReadOnlyDictionary<string, string> TargetRids { get; init; } = new Dictionary<string, string>();

    /// <summary>Nixpkgs metadata of CrossTarget items (target spelling -> a nixpkgs as CrossNixpkgs accepts): that target's own nixpkgs.</summary>
    public IReadOnlyDictionary<string, string> TargetNixpkgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Glibc metadata of CrossTarget items (target spelling -> a glibc version): overrides CrossGlibc for that target.</summary>
    public IReadOnlyDictionary<string, string> TargetGlibc { get; init; } = new Dictionary<string, string>();

    /// <summary>CrossGlibc: the newest glibc every target's shipped files may need, e.g. 2.31.</summary>
    public string? Glibc { get; init; }

    public IReadOnlyList<PackageItem> Packages { get; init; } = [];

    /// <summary>CrossOverlay items.</summary>
    public IReadOnlyList<OverlayItem> Overlays { get; init; } = [];

    /// <summary>CrossCompiler: a nixpkgs compiler (gcc11) every package is built with, unless its Compiler metadata says otherwise.</summary>
    public string? Compiler { get; init; }

    public string? Nixpkgs { get; init; }

    public IReadOnlyList<string> NixOptions { get; init; } = [];

    public IReadOnlyList<string> ExtraInputs { get; init; } = [];

    public string? NixPath { get; init; }

    public string? Home { get; init; }

    public required string CrossSdkVersion { get; init; }

    /// <summary>CrossPortability: rewrite (default), check or off.</summary>
    public string? Portability { get; init; }

    /// <summary>CrossGlibcFloor: the oldest glibc the shipped files must load with, e.g. 2.28.</summary>
    public string? GlibcFloor { get; init; }

    /// <summary>A NativeAOT publish for this RID needs its C toolchain from Nix (even with no CrossPackage).</summary>
    public string? AotRid { get; init; }

    /// <summary>
    /// `dotnet run`/`dotnet test` on the target: this RID's runtime root (its C library, libgcc_s,
    /// libstdc++ and, with <see cref="RunIcu"/>, ICU) is realised from the same package set as
    /// the packages, for QEMU to load the app with (even with no CrossPackage).
    /// </summary>
    public string? RunRid { get; init; }

    /// <summary>The runtime root holds ICU (false for an app with InvariantGlobalization).</summary>
    public bool RunIcu { get; init; } = true;

    /// <summary>CrossNixExecutable: the nix to run (a name on PATH or a path); keys the cached host probe.</summary>
    public string NixExecutable { get; init; } = "nix";

    /// <summary>binfmt_misc, read for emulation support (tests give a folder of their own).</summary>
    public string BinfmtFolder { get; init; } = Host.BinfmtProbe.DefaultFolder;

    /// <summary>How much more a derivation built under QEMU costs than one built by a cross compiler.</summary>
    public double EmulationSlowdown { get; init; } = Planner.DefaultEmulationSlowdown;

    /// <summary>For messages and the generated file's header.</summary>
    public string ProjectName { get; init; } = "";

    /// <summary>CrossSubstituters: binary caches (store URLs) to fetch from, as extra-substituters.</summary>
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>CrossTrustedPublicKeys: keys (name:base64) whose signatures Nix accepts, as extra-trusted-public-keys.</summary>
    public IReadOnlyList<string> TrustedPublicKeys { get; init; } = [];

    /// <summary>CrossBuilders: remote builders (Nix's `builders` syntax), passed as --builders.</summary>
    public string? Builders { get; init; }

    /// <summary>CrossCacheUpload: a Nix store URL the outputs and toolchains are copied to after a build.</summary>
    public string? CacheUpload { get; init; }

    /// <summary>CrossCacheSigningKeyFile: the secret key file the pushed paths are signed with (its path only, never its contents).</summary>
    public string? CacheSigningKeyFile { get; init; }

    /// <summary>CrossCacheUploadRequired: a failed push fails the build (else it is a warning).</summary>
    public bool CacheUploadRequired { get; init; }

    /// <summary>
    /// The project's own build folders (BaseOutputPath, BaseIntermediateOutputPath, whatever they
    /// are called, and CrossIntermediateOutputPath): CrossSdk and MSBuild write there, so they are
    /// no inputs even inside a source folder Nix reads. Keyed through what the walks leave out.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> BuildOutputFolders { get; init; } = [];

    /// <summary>How long to wait for another build of the project that holds obj/cross/.lock (CrossLockTimeout).</summary>
    /// <remarks>The one setting that cannot change what is built: left out of the up-to-date key.</remarks>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan LockTimeout { get; init; } = FileLock.DefaultTimeout;
}
