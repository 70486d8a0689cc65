using System.Runtime.InteropServices;
using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using Microsoft.Build.Framework;
using CrossSdk.Doctor;
using CrossSdk.Tools;
using CrossSdk.Settings;

namespace CrossSdk.MSBuild;

/// <summary>`dotnet build -t:CrossDoctor`: the host, Nix, binfmt_misc and each target's plan, with each problem's fix. Builds nothing.</summary>
public sealed class CrossDiagnose : CrossTaskBase
{
    private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request)
    {
        var diagnosis = new CrossDoctor(service).DiagnoseAsync(request, CancellationToken).GetAwaiter().GetResult();
        var runsI386 = diagnosis.Host is { } host ? host.RunsI386Code : I386Probe.Run();
        var wine = Run.WineStatus.Probe(
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), Run.Emulator.ResolveOnDisk, runsI386, Environment.GetEnvironmentVariable, loader => WineVersion(RunnersFor(request), loader));
        diagnosis = diagnosis with { Wine = wine };
        CrossLog.LogMessage(LogImportance.High, DoctorReport.Format(diagnosis, RuntimeInformation.RuntimeIdentifier));
    }

    /// <summary>`wine64 --version` (wine-8.0 (Debian 8.0~repack-4)): it prints and exits without a prefix or wineserver. Null when it does not answer.</summary>
    private string? WineVersion(ToolRunners runners, string loader)
    {
        const string help = "It is the Wine loader CrossSdk found on PATH; CrossDoctor reports Wine without its version.";
        try
        {
            var result = runners.Tool(loader, help)
                .RunAsync(["--version"], null, CancellationToken).GetAwaiter().GetResult();
            return result.ExitCode != 0 ? null
                : result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (CrossException)
        {
            // A loader that does not start is reported by its status (CROSS0104/0105), not by a second error.
            return null;
        }
    }
}
