using System.Reflection;
using CrossSdk.Build;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;

namespace CrossSdk.Tasks;

/// <summary>
/// Builds the project's CrossPackage items for every target with one `nix build` and writes
/// obj/cross/manifest.json. Maps parameters and logs; <see cref="CrossBuildService"/> does the work.
/// Ctrl+C cancels: Nix gets SIGINT, and is killed only if it does not stop in time.
/// </summary>
// MSBuild never disposes tasks, and Cancel() may come after Execute(): the token source lives as long as the task.
#pragma warning disable CA1001
public sealed class CrossBuildTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource cancellation = new();

    [Required]
    public string ProjectDirectory { get; set; } = "";

    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>CrossTarget and CrossTargets, as given (split on ',' and ';').</summary>
    public string[] Targets { get; set; } = [];

    /// <summary>CrossTargetStrategy items: Include = a target spelling, Strategy metadata.</summary>
    public ITaskItem[] TargetStrategies { get; set; } = [];

    public string? RuntimeIdentifier { get; set; }

    public string? Strategy { get; set; }

    public ITaskItem[] Packages { get; set; } = [];

    public string? Nixpkgs { get; set; }

    public string[] NixOptions { get; set; } = [];

    public ITaskItem[] ExtraInputs { get; set; } = [];

    public string NixExecutable { get; set; } = "nix";

    /// <summary>Seconds between SIGINT and SIGKILL when the build is cancelled.</summary>
    public int NixKillTimeoutSeconds { get; set; } = 10;

    public string? ProjectName { get; set; }

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        var log = new MSBuildCrossLog(Log);
        try
        {
            var request = new CrossBuildRequest
            {
                ProjectDirectory = ProjectDirectory,
                IntermediateDirectory = Path.GetFullPath(IntermediateDirectory, ProjectDirectory),
                Targets = TargetList.Split(Targets),
                TargetStrategies = TargetStrategies.ToDictionary(i => i.ItemSpec, i => i.GetMetadata("Strategy")),
                RuntimeIdentifier = RuntimeIdentifier,
                Strategy = Strategy,
                Packages = Packages.Select(p => new PackageItem(p.ItemSpec, p.GetMetadata("Outputs"), p.GetMetadata("Include"))).ToList(),
                Nixpkgs = Nixpkgs,
                NixOptions = NixOptions,
                ExtraInputs = ExtraInputs.Select(i => i.GetMetadata("FullPath")).ToList(),
                NixPath = Environment.GetEnvironmentVariable("NIX_PATH"),
                Home = Environment.GetEnvironmentVariable("HOME"),
                CrossSdkVersion = Version,
                ProjectName = ProjectName ?? Path.GetFileName(ProjectDirectory),
            };
            var runner = new NixCli(NixExecutable, killTimeout: TimeSpan.FromSeconds(NixKillTimeoutSeconds));
            var service = new CrossBuildService(runner, log, NixpkgsLocator.ForFileSystem(), HostPlatform.Current());
            service.RunAsync(request, cancellation.Token).GetAwaiter().GetResult();
        }
        catch (CrossException ex)
        {
            log.LogException(ex);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.LogMessage(MessageImportance.High, "CrossSdk: cancelled; Nix was stopped and no output was copied.");
            return false;
        }

        return !Log.HasLoggedErrors;
    }

    internal static string Version { get; } =
        typeof(CrossBuildTask).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
#pragma warning restore CA1001
