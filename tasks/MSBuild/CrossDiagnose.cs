using System.Runtime.InteropServices;
using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using Microsoft.Build.Framework;
using CrossSdk.Doctor;

namespace CrossSdk.MSBuild;

/// <summary>`dotnet build -t:CrossDoctor`: the host, Nix, binfmt_misc and each target's plan, with each problem's fix. Builds nothing.</summary>
public sealed class CrossDiagnose : CrossTaskBase
{
    private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request)
    {
        var diagnosis = new CrossDoctor(service).DiagnoseAsync(request, CancellationToken).GetAwaiter().GetResult();
        var runsI386 = diagnosis.Host is { } host ? host.RunsI386Code : I386Probe.Run();
        var wine = Run.WineStatus.Probe(
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'), Run.Emulator.ResolveOnDisk, runsI386, Environment.GetEnvironmentVariable, WineVersion);
        diagnosis = diagnosis with { Wine = wine };
        CrossLog.LogMessage(LogImportance.High, DoctorReport.Format(diagnosis, RuntimeInformation.RuntimeIdentifier));
    }

    /// <summary>`wine64 --version` (wine-8.0 (Debian 8.0~repack-4)): it prints and exits without a prefix or wineserver.</summary>
    private static string? WineVersion(string loader)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(loader, ["--version"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(20_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return output.GetAwaiter().GetResult().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
