using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using Microsoft.Build.Framework;
using CrossSdk.Artifacts;
using CrossSdk.Doctor;
using CrossSdk.Settings;
using CrossSdk.Tools;

namespace CrossSdk.MSBuild;

/// <summary>`dotnet build -t:CrossPlan`: the plan as JSON (printed, and written to PlanFile) without building.</summary>
public sealed class CrossWritePlan : CrossTaskBase
{
    [Required]
    public string PlanFile { get; set; } = "";

    private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request)
    {
        var prepared = service.Prepare(request);
        var plan = service.PlanAsync(prepared, CancellationToken).GetAwaiter().GetResult();
        // The plan names caches and builders: their credentials stay out of the file and the log.
        var shipped = Manifest.TryRead(prepared.ManifestPath, CrossLog)?.Files.Where(f => File.Exists(f.Path)) ?? [];
        var json = Secrets.Redact(PlanJson.Format(prepared, plan, WhereItRuns.Read(shipped), Expansion));
        var path = Path.GetFullPath(PlanFile, request.ProjectDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json + Environment.NewLine);
        CrossLog.LogMessage(LogImportance.High, json);
        CrossLog.LogMessage(LogImportance.High, $"CrossSdk: plan written to {path}");
    }
}
