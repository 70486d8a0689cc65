using System.Reflection;
using CrossSdk.Pipeline;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;
using CrossSdk.Tools;
using CrossSdk.Nix.Commands;

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
        new(Runners ?? ToolRunners.ForProcesses(request.NixExecutable, request.NixKillTimeout), CrossLog, NixpkgsLocator.ForFileSystem(), HostPlatform.Current());
}
