using CrossSdk.Diagnostics;
using CrossSdk.Pipeline;
using CrossSdk.Artifacts;
using CrossSdk.Settings;

namespace CrossSdk.MSBuild;

/// <summary>
/// Builds the project's CrossPackage items for every target with one `nix build` and writes
/// obj/cross/manifest.json. <see cref="CrossBuildService"/> does the work.
/// </summary>
public sealed class CrossBuildPackages : CrossTaskBase
{
    // CrossSdk.targets says it from obj/cross/report/dotnet-targets.txt after every build that
    // ships files, a no-op too; the task says it itself only when the build fails.
    private protected override bool SaysExpansion => false;

    private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request)
    {
        // What CrossTargets=dotnet expanded to; no file when the build does not use the preset.
        var file = Path.Combine(request.IntermediateDirectory, WhereItRuns.Folder, WhereItRuns.TargetsFile);
        if (Expansion is { } expansion)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllLines(file, expansion.Lines());
        }
        else if (File.Exists(file))
        {
            File.Delete(file);
        }

        try
        {
            service.RunAsync(request, CancellationToken).GetAwaiter().GetResult();
        }
        catch when (Expansion is not null)
        {
            // A failed build ships nothing, so the targets do not say the expansion: say it here, beside the error.
            foreach (var line in Expansion.Lines())
            {
                CrossLog.LogMessage(LogImportance.High, line);
            }

            throw;
        }
    }
}
