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
        CrossLog.LogMessage(LogImportance.High, DoctorReport.Format(diagnosis, RuntimeInformation.RuntimeIdentifier));
    }
}
