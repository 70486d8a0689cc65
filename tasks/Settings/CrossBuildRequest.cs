using System.Text.Json.Serialization;
using CrossSdk.Diagnostics;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Tools;

namespace CrossSdk.Settings;

/// <summary>
/// Everything a project's native build depends on, as the CrossBuild task receives it. The whole
/// record is part of the up-to-date key (<see cref="InputResolver"/>), so a setting added here is
/// keyed without anyone having to remember it; one that cannot change the result says so with
/// [JsonIgnore]. A property marked [Setting] is set by the _CrossSetting item of its name
/// (<see cref="SettingsParser"/>): adding a setting is its line in the props, its line in that
/// list, and its field here (docs/developing.md, "Where to change what").
/// </summary>
internal sealed record CrossBuildRequest
{
    [Setting("MSBuildProjectDirectory")]
    public required string ProjectDirectory { get; init; }

    /// <summary>obj/cross/: generated Nix, GC roots, collected files, manifest.</summary>
    [Setting("CrossIntermediateOutputPath")]
    public required string IntermediateDirectory { get; init; }

    [Setting("CrossTarget", Separators = ",;")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [Setting("RuntimeIdentifier")]
    public string? RuntimeIdentifier { get; init; }

    [Setting("CrossStrategy")]
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
    [Setting("CrossGlibc")]
    public string? Glibc { get; init; }

    public IReadOnlyList<PackageItem> Packages { get; init; } = [];

    /// <summary>CrossOverlay items.</summary>
    public IReadOnlyList<OverlayItem> Overlays { get; init; } = [];

    /// <summary>CrossCompiler: a nixpkgs compiler (gcc11) every package is built with, unless its Compiler metadata says otherwise.</summary>
    [Setting("CrossCompiler")]
    public string? Compiler { get; init; }

    [Setting("CrossNixpkgs", Secret = true)]
    public string? Nixpkgs { get; init; }

    public IReadOnlyList<string> NixOptions { get; init; } = [];

    public IReadOnlyList<string> ExtraInputs { get; init; } = [];

    public string? NixPath { get; init; }

    public string? Home { get; init; }

    public required string CrossSdkVersion { get; init; }

    /// <summary>CrossPortability: rewrite (default), check or off.</summary>
    [Setting("CrossPortability")]
    public string? Portability { get; init; }

    /// <summary>CrossGlibcFloor: the oldest glibc the shipped files must load with, e.g. 2.28.</summary>
    [Setting("CrossGlibcFloor")]
    public string? GlibcFloor { get; init; }

    /// <summary>A NativeAOT publish for this RID needs its C toolchain from Nix (even with no CrossPackage).</summary>
    [Setting("_CrossAotRid")]
    public string? AotRid { get; init; }

    /// <summary>
    /// `dotnet run`/`dotnet test` on the target: this RID's runtime root (its C library, libgcc_s,
    /// libstdc++ and, with <see cref="RunIcu"/>, ICU) is realised from the same package set as
    /// the packages, for QEMU to load the app with (even with no CrossPackage).
    /// </summary>
    [Setting("_CrossRunRootRid")]
    public string? RunRid { get; init; }

    /// <summary>The runtime root holds ICU (false for an app with InvariantGlobalization).</summary>
    [Setting("_CrossRunIcu")]
    public bool RunIcu { get; init; } = true;

    /// <summary>CrossNixExecutable: the nix to run (a name on PATH or a path); keys the cached host probe.</summary>
    [Setting("CrossNixExecutable")]
    public string NixExecutable { get; init; } = "nix";

    /// <summary>binfmt_misc, read for emulation support (tests give a folder of their own).</summary>
    [Setting("CrossBinfmtMiscFolder")]
    public string BinfmtFolder { get; init; } = Host.BinfmtProbe.DefaultFolder;

    /// <summary>How much more a derivation built under QEMU costs than one built by a cross compiler.</summary>
    [Setting("CrossEmulationSlowdown", Code = DiagnosticCodes.InvalidEmulationSlowdown)]
    public double EmulationSlowdown { get; init; } = Planner.DefaultEmulationSlowdown;

    /// <summary>For messages and the generated file's header.</summary>
    [Setting("MSBuildProjectName")]
    public string ProjectName { get; init; } = "";

    /// <summary>CrossSubstituters: binary caches (store URLs) to fetch from, as extra-substituters.</summary>
    [Setting("CrossSubstituters", Secret = true)]
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>CrossTrustedPublicKeys: keys (name:base64) whose signatures Nix accepts, as extra-trusted-public-keys.</summary>
    [Setting("CrossTrustedPublicKeys")]
    public IReadOnlyList<string> TrustedPublicKeys { get; init; } = [];

    /// <summary>CrossBuilders: remote builders (Nix's `builders` syntax), passed as --builders.</summary>
    [Setting("CrossBuilders", Secret = true)]
    public string? Builders { get; init; }

    /// <summary>CrossCacheUpload: a Nix store URL the outputs and toolchains are copied to after a build.</summary>
    [Setting("CrossCacheUpload", Secret = true)]
    public string? CacheUpload { get; init; }

    /// <summary>CrossCacheSigningKeyFile: the secret key file the pushed paths are signed with (its path only, never its contents).</summary>
    [Setting("CrossCacheSigningKeyFile")]
    public string? CacheSigningKeyFile { get; init; }

    /// <summary>CrossCacheUploadRequired: a failed push fails the build (else it is a warning).</summary>
    [Setting("CrossCacheUploadRequired")]
    public bool CacheUploadRequired { get; init; }

    /// <summary>
    /// The project's own build folders (BaseOutputPath, BaseIntermediateOutputPath, whatever they
    /// are called, and CrossIntermediateOutputPath): CrossSdk and MSBuild write there, so they are
    /// no inputs even inside a source folder Nix reads. Keyed through what the walks leave out.
    /// </summary>
    [JsonIgnore]
    [Setting("BaseOutputPath", Separators = ";")]
    public IReadOnlyList<string> BuildOutputFolders { get; init; } = [];

    /// <summary>How long to wait for another build of the project that holds obj/cross/.lock (CrossLockTimeout).</summary>
    /// <remarks>The one setting that cannot change what is built: left out of the up-to-date key.</remarks>
    [JsonIgnore]
    [Setting("CrossLockTimeout", Minimum = 0, Code = DiagnosticCodes.InvalidLockTimeout)]
    public TimeSpan LockTimeout { get; init; } = FileLock.DefaultTimeout;

    /// <summary>CrossNixOptions as written (arguments separated by ';' or white space): keyed as part of <see cref="NixOptions"/>.</summary>
    [Setting("CrossNixOptions", Secret = true)]
    [JsonIgnore]
    public string? NixOptionsText { get; init; }

    /// <summary>CrossNixKillTimeout: how long Nix gets to stop after Ctrl+C (SIGINT) before it is killed.</summary>
    [Setting("CrossNixKillTimeout", Minimum = 0)]
    [JsonIgnore]
    public TimeSpan NixKillTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CrossRunTarget: the target `dotnet run`/`dotnet test` run on (CrossResolveRunTarget); CrossBuild gets <see cref="RunRid"/>.</summary>
    [Setting("CrossRunTarget")]
    [JsonIgnore]
    public string? RunTarget { get; init; }

    /// <summary>
    /// CrossUpToDateMaxFiles: beyond this many files and folders the up-to-date proof is not
    /// written (MSBuild would stat them all on every build) and the task's key decides.
    /// </summary>
    /// <remarks>Changes no output, only whether MSBuild may skip the task: not in the key (settings.txt has it, so a change runs the task, which rewrites the proof).</remarks>
    [Setting("CrossUpToDateMaxFiles", Minimum = 0)]
    [JsonIgnore]
    public int UpToDateMaxFiles { get; init; } = Incremental.UpToDateProof.DefaultMaxEntries;
}
