using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Run;
using CrossSdk.Tools;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// After the app was built for the run target: writes the script that runs it under QEMU with the
/// runtime root the build realised (from its manifest), and returns it for RunCommand.
/// </summary>
public sealed class CrossWriteRunScript : CrossTask
{
    [Required]
    public string Rid { get; set; } = "";

    /// <summary>The CrossIntermediateOutputPath of the build for the run target (its manifest names the runtime root).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    /// <summary>The app's executable for the target (apphost or NativeAOT binary).</summary>
    [Required]
    public string App { get; set; } = "";

    [Required]
    public string Emulator { get; set; } = "";

    [Required]
    public string Script { get; set; } = "";

    protected override void ExecuteCore()
    {
        var target = PlatformCatalog.Resolve(Rid, "the run target");
        if (target.IsWindows)
        {
            WriteWineScript(target);
            return;
        }

        var root = Manifest.TryRead(Manifest.PathIn(IntermediateDirectory), CrossLog)?.RuntimeRoots.FirstOrDefault(r => r.Rid == target.Rid)
            ?? throw new CrossException(DiagnosticCodes.RuntimeRootIncomplete, $"The build for {target.Rid} realised no runtime root ({Manifest.PathIn(IntermediateDirectory)} names none). Delete {IntermediateDirectory} and run again.");
        var loader = target.StandardInterpreter is { } interpreter ? Path.Combine(root.Path, "lib", Path.GetFileName(interpreter)) : null;
        if (loader is null || !File.Exists(loader))
        {
            throw new CrossException(
                DiagnosticCodes.RuntimeRootIncomplete,
                $"The runtime root for {target.Rid} ({root.Path}) has no dynamic loader lib/{Path.GetFileName(target.StandardInterpreter ?? "ld.so")}: " +
                "its nixpkgs' stdenv.cc.libc for this target has none. Check CrossNixpkgs, or run on a native machine.");
        }

        if (!File.Exists(App))
        {
            throw new CrossException(DiagnosticCodes.RuntimeRootIncomplete, $"The build for {target.Rid} made no executable {App}: the app needs an apphost (UseAppHost) to run on the target.");
        }

        Write(RunScript.Text(target, Emulator, root.Path, Path.GetFullPath(App)));
    }

    /// <summary>A Windows app (App.exe, self-contained) under Wine: no runtime root, the app brings its runtime.</summary>
    private void WriteWineScript(TargetPlatform target)
    {
        var app = App.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? App : App + ".exe";
        if (!File.Exists(app))
        {
            throw new CrossException(DiagnosticCodes.RuntimeRootIncomplete, $"The build for {target.Rid} made no executable {app}: the app needs an apphost (UseAppHost) to run under Wine.");
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        var (wine, server) = Wine.Find(target, path, Run.Emulator.ResolveOnDisk, Host.I386Probe.Run());
        Write(WineRunScript.Text(target.Rid, wine, server, Wine.PrefixFolder(target.Rid, Environment.GetEnvironmentVariable), Path.GetFullPath(app)));
    }

    private void Write(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Script))!);
        Tools.Files.WriteIfChanged(Script, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }
}
