using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Run;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// For `dotnet run` and `dotnet test`: which target the app runs on (empty Rid: this machine, run
/// as usual) and the emulator that runs it, before anything is built for it. A test project that
/// `dotnet test` would run with VSTest cannot run under emulation: a coded error says what to change.
/// </summary>
public sealed class CrossResolveRunTarget : CrossSettingsTask
{
    /// <summary>The project (errors point at it).</summary>
    public string Project { get; set; } = "";

    /// <summary>True when called before dotnet test's VSTest target: a run on another target is an error.</summary>
    public bool VSTest { get; set; }

    [Output]
    public string Rid { get; private set; } = "";

    [Output]
    public string Emulator { get; private set; } = "";

    protected override void ExecuteCore()
    {
        try
        {
            Resolve();
        }
        catch (CrossException ex) when (ex.File is null && Project.Length > 0)
        {
            throw new CrossException(ex.Code, ex.Message, Project, inner: ex);
        }
    }

    private void Resolve()
    {
        // CrossTarget and CrossTargets (no CrossTarget items: this task is given none), CrossRunTarget.
        var request = ReadSettings();
        var machine = HostPlatform.Current();
        var runsI386 = machine.NixSystem == "x86_64-linux" ? I386Probe.Run() : null;
        var target = Run.RunTarget.Resolve(request.RunTarget ?? "", DotnetRids.ExpandList(request.Targets, null, DotnetRids.FromSdk, out _), request.RuntimeIdentifier ?? "", machine, runsI386);
        if (target is null)
        {
            return;
        }

        if (VSTest)
        {
            throw new CrossException(
                DiagnosticCodes.TestNotRunnableUnderEmulation,
                $"`dotnet test` runs this project with VSTest, whose test host cannot be started under QEMU, so its tests cannot run on {target.Rid} here. " +
                "Make it a Microsoft.Testing.Platform test app (MSTest: MSTest.Sdk or EnableMSTestRunner=true; xUnit: xunit.v3; NUnit: EnableNUnitRunner=true; TUnit as it is) " +
                "and opt in to dotnet test's Microsoft.Testing.Platform mode in global.json: \"test\": { \"runner\": \"Microsoft.Testing.Platform\" }. " +
                "xUnit v2 and other VSTest-only frameworks cannot run on the target.");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        if (target.IsWindows && !VSTest)
        {
            // Wine, not QEMU: found (or CROSS0104/CROSS0105) before anything is built for the target.
            Emulator = Wine.Find(target, path, Run.Emulator.ResolveOnDisk, runsI386).Loader;
            Rid = target.Rid;
            CrossLog.LogMessage(LogImportance.Normal, $"CrossSdk: running on {target.Rid} under Wine ({Emulator}).");
            return;
        }

        Emulator = Run.Emulator.Find(target, BinfmtProbe.Read(request.BinfmtFolder), path, Run.Emulator.ResolveOnDisk);
        Rid = target.Rid;
        CrossLog.LogMessage(LogImportance.Normal, $"CrossSdk: running on {target.Rid} under {Emulator}.");
    }
}
