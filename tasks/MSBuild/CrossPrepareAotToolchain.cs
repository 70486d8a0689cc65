using CrossSdk.Aot;
using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;
using CrossSdk.Tools;

namespace CrossSdk.MSBuild;

/// <summary>
/// Before the NativeAOT link: writes the compiler wrapper that CppCompilerAndLinker points at (over
/// the target's stdenv.cc from Nix, which CrossBuild realised), checks it builds for the target
/// (-dumpmachine), and returns objcopy for ObjCopyName. Leaves a project's own compiler alone.
/// </summary>
public sealed class CrossPrepareAotToolchain : CrossSettingsTask
{
    /// <summary>$(CppCompilerAndLinker) as the build has it.</summary>
    public string ConfiguredCompiler { get; set; } = "";

    /// <summary>The wrapper path CrossSdk's props put into CppCompilerAndLinker.</summary>
    [Required]
    public string Wrapper { get; set; } = "";

    [Output]
    public string ObjCopy { get; private set; } = "";

    [Output]
    public bool UsesNixToolchain { get; private set; }

    protected override void ExecuteCore()
    {
        if (!string.Equals(Path.GetFullPath(ConfiguredCompiler), Path.GetFullPath(Wrapper), StringComparison.Ordinal))
        {
            CrossLog.LogMessage(LogImportance.High, $"CrossSdk: CppCompilerAndLinker is set by the project ({ConfiguredCompiler}); the NativeAOT link uses it, not a C toolchain from Nix.");
            return;
        }

        var request = ReadSettings();
        var target = PlatformCatalog.Resolve(request.RuntimeIdentifier ?? "", "RuntimeIdentifier");
        var manifest = Manifest.TryRead(Manifest.PathIn(request.IntermediateDirectory), CrossLog);
        var toolchain = manifest?.Toolchains.FirstOrDefault(t => t.Rid == target.Rid)
            ?? throw new CrossException(
                DiagnosticCodes.AotToolchainMismatch,
                $"No C toolchain from Nix for {target.Rid}: the CrossBuild target did not realise one. Build with `dotnet publish -r {target.Rid} -p:PublishAot=true` (not --no-build), or set CppCompilerAndLinker yourself.");

        var ccBin = Directory.EnumerateFiles(Path.Combine(toolchain.Cc, "bin")).ToList();
        var compiler = AotToolchain.FindCompiler(ccBin)
            ?? throw new CrossException(DiagnosticCodes.AotToolchainMismatch, $"{toolchain.Cc}/bin has no C compiler driver (cc, gcc or clang).");
        var objcopy = AotToolchain.FindObjCopy(Directory.Exists(Path.Combine(toolchain.Bintools, "bin")) ? Directory.EnumerateFiles(Path.Combine(toolchain.Bintools, "bin")) : [])
            ?? AotToolchain.FindObjCopy(ccBin)
            ?? throw new CrossException(DiagnosticCodes.AotToolchainMismatch, $"The binutils of {target.Rid} ({toolchain.Bintools}) have no objcopy.");
        var isGcc = !compiler.Contains("clang", StringComparison.Ordinal);
        var script = AotToolchain.WrapperScript(Path.Combine(toolchain.Cc, "bin", compiler), isGcc, target.Rid);
        Tools.Files.WriteIfChanged(Wrapper, script);

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Wrapper, (UnixFileMode)0b111_101_101);
        }

        var machine = new ToolRunner(Wrapper, notFoundHelp: "It is the compiler wrapper CrossSdk writes in obj/; rebuild without --no-build.").RunAsync(["-dumpmachine"], null, CancellationToken).GetAwaiter().GetResult();
        if (machine.ExitCode != 0 || !AotToolchain.MatchesTarget(machine.StandardOutput, target))
        {
            throw new CrossException(
                DiagnosticCodes.AotToolchainMismatch,
                $"The C toolchain for the NativeAOT link builds for '{machine.StandardOutput.Trim()}' (exit code {machine.ExitCode}), not for {target.Config} ({target.Rid}): {Path.Combine(toolchain.Cc, "bin", compiler)}. " +
                "Check CrossNixpkgs and the overlays of that target, or set CppCompilerAndLinker to a compiler for it.");
        }

        ObjCopy = Path.Combine(toolchain.Bintools, "bin", objcopy);
        if (!File.Exists(ObjCopy))
        {
            ObjCopy = Path.Combine(toolchain.Cc, "bin", objcopy);
        }

        UsesNixToolchain = true;
        CrossLog.LogMessage(LogImportance.High, $"CrossSdk: NativeAOT links for {target.Rid} with {Path.Combine(toolchain.Cc, "bin", compiler)} ({machine.StandardOutput.Trim()}) from Nix");
    }
}
