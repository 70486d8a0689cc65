using System.Reflection;
using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;
using CrossSdk.Tools;
using CrossSdk.Settings;

namespace CrossSdk.MSBuild;

/// <summary>
/// The tasks that run Nix (CrossBuildPackages, CrossWritePlan, CrossDiagnose): the settings list and the
/// project's items, made into a <see cref="CrossBuildRequest"/>. Ctrl+C cancels (see
/// <see cref="CrossTask"/>): Nix gets SIGINT, and is killed only if it does not stop in time.
/// </summary>
public abstract class CrossTaskBase : CrossSettingsTask
{
    public ITaskItem[] Packages { get; set; } = [];

    /// <summary>CrossOverlay items.</summary>
    public ITaskItem[] Overlays { get; set; } = [];

    /// <summary>CrossNixArgument items: one argument each, as written.</summary>
    public string[] NixOptions { get; set; } = [];

    /// <summary>CrossInput items.</summary>
    public ITaskItem[] ExtraInputs { get; set; } = [];

    protected sealed override void ExecuteCore()
    {
        var request = ReadSettings(new CrossBuildRequest
        {
            ProjectDirectory = "",
            IntermediateDirectory = "",
            CrossSdkVersion = Version,
            Packages = Packages.Select(p => new PackageItem(p.ItemSpec, p.GetMetadata("Outputs"), p.GetMetadata("Collect"), p.GetMetadata("Compiler"), p.GetMetadata("Link"))).ToList(),
            Overlays = Overlays.Select(o => new OverlayItem(o.ItemSpec, o.GetMetadata("Package"), o.GetMetadata("Target"))).ToList(),
            NixOptions = NixOptions,
            ExtraInputs = ExtraInputs.Select(i => i.GetMetadata("FullPath")).ToList(),
            NixPath = Environment.GetEnvironmentVariable("NIX_PATH"),
            Home = Environment.GetEnvironmentVariable("HOME"),
        });
        request = request with { Targets = ExpandedTargets(request.Targets, request.TargetRids) };
        ExecuteCore(CreateService(request), request);
    }

    private protected abstract void ExecuteCore(CrossBuildService service, CrossBuildRequest request);

    internal static string Version { get; } =
        typeof(CrossTaskBase).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// The runner seam: the processes the task starts (nix, and patchelf from the store). Null, as
    /// MSBuild leaves it: made from CrossNixExecutable and CrossNixKillTimeout. A test gives its
    /// recorded Nix here, so one in-process test covers the path from the settings item to nix's
    /// argument list.
    /// </summary>
    internal ToolRunners? Runners { get; init; }

    private CrossBuildService CreateService(CrossBuildRequest request) =>
        new(RunnersFor(request), CrossLog, NixpkgsLocator.ForFileSystem(), HostPlatform.Current());

    /// <summary>The runners a test gave, else processes: nix from CrossNixExecutable, store tools by path.</summary>
    private protected ToolRunners RunnersFor(CrossBuildRequest request) =>
        Runners ?? ToolRunners.ForProcesses(request.NixExecutable, request.NixKillTimeout);

    /// <summary>Whether the task says the expansion of CrossTargets=dotnet itself (CrossBuild leaves it to CrossSdk.targets, which says it at a no-op build too).</summary>
    private protected virtual bool SaysExpansion => true;

    /// <summary>What CrossTargets=dotnet expanded to, when the project uses it (set by <see cref="ExpandedTargets"/>).</summary>
    private protected DotnetRidExpansion? Expansion { get; private set; }

    /// <summary>
    /// CrossTarget and CrossTargets with the `dotnet` preset expanded from the .NET SDK in use;
    /// the expansion and what it left out are said at the default verbosity.
    /// </summary>
    private IReadOnlyList<string> ExpandedTargets(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string> rids)
    {
        var expanded = DotnetRids.ExpandList(targets, rids, DotnetRids.FromSdk, out var expansion);
        Expansion = expansion;
        foreach (var line in SaysExpansion ? expansion?.Lines() ?? [] : [])
        {
            CrossLog.LogMessage(LogImportance.High, line);
        }

        return expanded;
    }
}
