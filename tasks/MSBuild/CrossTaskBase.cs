using System.Globalization;
using System.Reflection;
using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;
using CrossSdk.Tools;
using CrossSdk.Nix.Commands;

namespace CrossSdk.MSBuild;

/// <summary>
/// The parameters CrossBuild, CrossPlan and CrossDoctor share, and their mapping to a
/// <see cref="CrossBuildRequest"/>. Ctrl+C cancels (see <see cref="CrossTask"/>): Nix gets
/// SIGINT, and is killed only if it does not stop in time.
/// </summary>
public abstract class CrossTaskBase : CrossTask
{
    /// <summary>
    /// The shared settings as one item (the _CrossSettings item of CrossSdk.targets): each
    /// metadata sets the string property of the same name. Resolved once in MSBuild and handed to
    /// every task, so a new setting is written in one place, not in each task's parameter list.
    /// </summary>
    public ITaskItem? Settings { get; set; }

    public string ProjectDirectory { get; set; } = "";

    public string IntermediateDirectory { get; set; } = "";

    private protected override string? WriteFolder => string.IsNullOrEmpty(IntermediateDirectory) ? null : Path.Combine(ProjectDirectory, IntermediateDirectory);

    /// <summary>CrossTarget and CrossTargets, as given (split on ',' and ';').</summary>
    public string[] Targets { get; set; } = [];

    /// <summary>CrossTarget items: Include = a target spelling, Strategy metadata.</summary>
    public ITaskItem[] TargetStrategies { get; set; } = [];

    public string? RuntimeIdentifier { get; set; }

    public string? Strategy { get; set; }

    public ITaskItem[] Packages { get; set; } = [];

    public ITaskItem[] Overlays { get; set; } = [];

    public string? Compiler { get; set; }

    public string? Nixpkgs { get; set; }

    /// <summary>CrossNixOptions: arguments separated by ';' or white space.</summary>
    public string NixOptionsText { get; set; } = "";

    /// <summary>CrossNixArgument items: one argument each, as written.</summary>
    public string[] NixOptions { get; set; } = [];

    public ITaskItem[] ExtraInputs { get; set; } = [];

    public string NixExecutable { get; set; } = "nix";

    /// <summary>Seconds between SIGINT and SIGKILL when the build is cancelled.</summary>
    public int NixKillTimeoutSeconds { get; set; } = 10;

    public string BinfmtMiscFolder { get; set; } = BinfmtProbe.DefaultFolder;

    public string EmulationSlowdown { get; set; } = "";

    public string? ProjectName { get; set; }

    public string? Portability { get; set; }

    public string? GlibcFloor { get; set; }

    /// <summary>CrossGlibc: the newest glibc the shipped files may need (Glibc metadata of a CrossTarget overrides it).</summary>
    public string? Glibc { get; set; }

    /// <summary>The RID of a NativeAOT cross-publish, whose C toolchain Nix must provide.</summary>
    public string? AotRid { get; set; }

    /// <summary>The RID `dotnet run`/`dotnet test` runs under emulation, whose runtime root Nix must provide.</summary>
    public string? RunRid { get; set; }

    /// <summary>false: the runtime root leaves ICU out (InvariantGlobalization).</summary>
    public bool RunIcu { get; set; } = true;

    /// <summary>Seconds to wait for another build of the project that holds obj/cross/.lock (CrossLockTimeout).</summary>
    public int LockTimeoutSeconds { get; set; } = (int)FileLock.DefaultTimeout.TotalSeconds;

    /// <summary>CrossSubstituters: binary cache URLs, separated by ';' or white space.</summary>
    public string? Substituters { get; set; }

    /// <summary>CrossTrustedPublicKeys: public keys, separated by ';' or white space.</summary>
    public string? TrustedPublicKeys { get; set; }

    /// <summary>CrossBuilders: Nix `builders` lines, separated by ';' or newlines.</summary>
    public string? Builders { get; set; }

    public string? CacheUpload { get; set; }

    public string? CacheSigningKeyFile { get; set; }

    public string? CacheUploadRequired { get; set; }

    /// <summary>The project's build folders, separated by ';' (relative to the project or absolute).</summary>
    public string? BuildOutputFolders { get; set; }

    protected sealed override void ExecuteCore()
    {
        ApplySettings();
        if (string.IsNullOrEmpty(ProjectDirectory) || string.IsNullOrEmpty(IntermediateDirectory))
        {
            throw new InvalidOperationException($"{GetType().Name} needs ProjectDirectory and IntermediateDirectory (the Settings item of CrossSdk.targets).");
        }

        ExecuteCore(CreateService(), CreateRequest());
    }

    private void ApplySettings()
    {
        if (Settings is null)
        {
            return;
        }

        foreach (var property in typeof(CrossTaskBase).GetProperties().Where(p => p.CanWrite && p.PropertyType == typeof(string)))
        {
            var value = Settings.GetMetadata(property.Name);
            if (!string.IsNullOrEmpty(value))
            {
                property.SetValue(this, value);
            }
        }

        if (Settings.GetMetadata(nameof(Targets)) is { Length: > 0 } targets)
        {
            Targets = [targets, .. Targets];
        }
    }

    private protected abstract void ExecuteCore(CrossBuildService service, CrossBuildRequest request);

    internal static string Version { get; } =
        typeof(CrossTaskBase).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private CrossBuildService CreateService() =>
        new(new ToolRunner(NixExecutable, killTimeout: TimeSpan.FromSeconds(NixKillTimeoutSeconds)), CrossLog, NixpkgsLocator.ForFileSystem(), HostPlatform.Current());

    /// <summary>Whether the task says the expansion of CrossTargets=dotnet itself (CrossBuild leaves it to CrossSdk.targets, which says it at a no-op build too).</summary>
    private protected virtual bool SaysExpansion => true;

    /// <summary>What CrossTargets=dotnet expanded to, when the project uses it (set by <see cref="CreateRequest"/>).</summary>
    private protected DotnetRidExpansion? Expansion { get; private set; }

    /// <summary>
    /// CrossTarget and CrossTargets with the `dotnet` preset expanded from the .NET SDK in use;
    /// the expansion and what it left out are said at the default verbosity.
    /// </summary>
    private IReadOnlyList<string> ExpandedTargets(IReadOnlyDictionary<string, string> rids)
    {
        var targets = DotnetRids.ExpandList(
            TargetList.Split([.. Targets, .. TargetStrategies.Select(t => t.ItemSpec)]),
            rids,
            DotnetRids.FromSdk,
            out var expansion);
        Expansion = expansion;
        foreach (var line in SaysExpansion ? expansion?.Lines() ?? [] : [])
        {
            CrossLog.LogMessage(LogImportance.High, line);
        }

        return targets;
    }

    private Dictionary<string, string> TargetRidMetadata() => TargetStrategies
        .Where(i => !string.IsNullOrWhiteSpace(i.GetMetadata("Rid")))
        .GroupBy(i => i.ItemSpec.Trim(), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Rid"), StringComparer.Ordinal);

    private CrossBuildRequest CreateRequest() => new()
    {
        ProjectDirectory = ProjectDirectory,
        IntermediateDirectory = Path.GetFullPath(IntermediateDirectory, ProjectDirectory),
        Targets = ExpandedTargets(TargetRidMetadata()),
        TargetStrategies = TargetStrategies
            .GroupBy(i => i.ItemSpec, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Strategy"), StringComparer.Ordinal),
        TargetRids = TargetRidMetadata(),
        TargetNixpkgs = TargetMetadata("Nixpkgs"),
        TargetGlibc = TargetMetadata("Glibc"),
        Glibc = Glibc,
        RuntimeIdentifier = RuntimeIdentifier,
        Strategy = Strategy,
        Packages = Packages.Select(p => new PackageItem(p.ItemSpec, p.GetMetadata("Outputs"), p.GetMetadata("Collect"), p.GetMetadata("Compiler"), p.GetMetadata("Link"))).ToList(),
        Overlays = Overlays.Select(o => new OverlayItem(o.ItemSpec, o.GetMetadata("Package"), o.GetMetadata("Target"))).ToList(),
        Compiler = Compiler,
        Nixpkgs = Nixpkgs,
        Substituters = SplitList(Substituters),
        TrustedPublicKeys = SplitList(TrustedPublicKeys),
        Builders = string.IsNullOrWhiteSpace(Builders) ? null : Builders.Trim(),
        CacheUpload = string.IsNullOrWhiteSpace(CacheUpload) ? null : CacheUpload.Trim(),
        CacheSigningKeyFile = string.IsNullOrWhiteSpace(CacheSigningKeyFile) ? null : Path.GetFullPath(CacheSigningKeyFile.Trim(), ProjectDirectory),
        CacheUploadRequired = string.Equals(CacheUploadRequired?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        // The caches and builders first: the user's own options come after, so they win.
        NixOptions = [.. NixCommandLine.ScaleOut(SplitList(Substituters), SplitList(TrustedPublicKeys), Builders), .. NixOptionsText.Split([';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), .. NixOptions],
        ExtraInputs = ExtraInputs.Select(i => i.GetMetadata("FullPath")).ToList(),
        NixPath = Environment.GetEnvironmentVariable("NIX_PATH"),
        Home = Environment.GetEnvironmentVariable("HOME"),
        CrossSdkVersion = Version,
        ProjectName = ProjectName ?? Path.GetFileName(ProjectDirectory),
        BinfmtFolder = string.IsNullOrEmpty(BinfmtMiscFolder) ? BinfmtProbe.DefaultFolder : BinfmtMiscFolder,
        EmulationSlowdown = ParseSlowdown(EmulationSlowdown),
        Portability = Portability,
        GlibcFloor = GlibcFloor,
        AotRid = string.IsNullOrWhiteSpace(AotRid) ? null : AotRid,
        RunRid = string.IsNullOrWhiteSpace(RunRid) ? null : RunRid,
        RunIcu = RunIcu,
        NixExecutable = NixExecutable,
        LockTimeout = FileLock.ParseTimeout(LockTimeoutSeconds),
        // MSBuild passes a path as written: a csproj written on Windows says bin\.
        BuildOutputFolders = (BuildOutputFolders ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(OperatingSystem.IsWindows() ? f : f.Replace('\\', '/'), ProjectDirectory)))
            .Distinct(StringComparer.Ordinal)
            .ToList(),
    };

    private static List<string> SplitList(string? value) =>
        (value ?? "").Split([';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>One metadata of the CrossTarget items that set it (target spelling -> value; the last item wins).</summary>
    private Dictionary<string, string> TargetMetadata(string name) => TargetStrategies
        .Where(i => !string.IsNullOrWhiteSpace(i.GetMetadata(name)))
        .GroupBy(i => i.ItemSpec.Trim(), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().GetMetadata(name).Trim(), StringComparer.Ordinal);

    private static double ParseSlowdown(string value) =>
        string.IsNullOrWhiteSpace(value) ? Planner.DefaultEmulationSlowdown
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 ? x
        : throw new CrossException(DiagnosticCodes.InvalidEmulationSlowdown, $"CrossEmulationSlowdown '{value}' is not a positive number (the default is {Planner.DefaultEmulationSlowdown}).");
}
