using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Pipeline;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;
using CrossSdk.Tools;

namespace CrossSdk.MSBuild;

/// <summary>
/// After the NativeAOT link: the executable is checked against its target and made to run outside
/// Nix like every shipped file (standard interpreter, no store RUNPATH), and its glibc
/// requirement is reported (and held to CrossGlibcFloor).
/// </summary>
public sealed class CrossShipAotBinary : CrossSettingsTask
{
    [Required]
    public string NativeBinary { get; set; } = "";

    protected override void ExecuteCore()
    {
        var log = CrossLog;
        var request = ReadSettings();
        var rid = request.RuntimeIdentifier ?? "";
        var target = PlatformCatalog.Resolve(rid, "RuntimeIdentifier");
        var elf = ElfFile.Read(NativeBinary)
            ?? throw new CrossException(DiagnosticCodes.AotBinaryNotElf, $"{NativeBinary} is not an ELF file: the NativeAOT link made something CrossSdk cannot check for {rid}. Check CppCompilerAndLinker and the link's output; set CrossAotToolchain=false to leave NativeAOT alone.");
        if (elf.Identity != target.Elf)
        {
            throw new CrossException(DiagnosticCodes.ArtifactWrongMachine, $"{NativeBinary} was linked for {elf.Identity.Describe()}, not {target.Elf.Describe()} ({target.Rid}).");
        }

        var mode = Artifacts.Portability.ParseMode(request.Portability);
        var manifest = Manifest.TryRead(Manifest.PathIn(request.IntermediateDirectory), log);
        var artifact = new Artifact(new TargetPlan(target, Strategy.Cross, "NativeAOT"), new PackageSpec("aot", PackageKind.File, NativeBinary, [], [], NativeBinary), NativeBinary, Path.GetFileName(NativeBinary), elf);
        if (mode == PortabilityMode.Check)
        {
            Artifacts.Portability.Complete([artifact], PortabilityMode.Check);
        }
        else if (mode == PortabilityMode.Rewrite && Artifacts.Portability.StorePathsIn(elf).Any())
        {
            var patchelf = manifest?.Patchelf ?? throw new CrossException(DiagnosticCodes.StorePathInArtifact, $"{NativeBinary} points into the Nix store and no patchelf from Nix is at hand; rebuild without --no-build.");
            Artifacts.Portability.RewriteAsync(NativeBinary, artifact, new ToolRunner(patchelf, notFoundHelp: "It is the patchelf Nix built for this project; rebuild without --no-build."), CancellationToken).GetAwaiter().GetResult();
        }

        var shipped = new ShippedFile(target.Rid, target.NixSystem, "aot", Path.GetFileName(NativeBinary), NativeBinary);
        var after = ElfFile.Read(NativeBinary)!;
        CrossLog.LogMessage(LogImportance.High, $"CrossSdk: NativeAOT {Path.GetFileName(NativeBinary)} for {target.Rid}: interpreter {after.Interpreter ?? "(none)"}");
        Artifacts.Portability.Report([shipped], Artifacts.Portability.ParseFloor(request.GlibcFloor), log, f => $"NativeAOT executable {f.FileName} ({f.Rid})",
            InputResolver.GlibcFor(target, request) is { } glibc ? new Dictionary<string, Version> { [target.Rid] = glibc } : []);
        if (Artifacts.Portability.IsDotnetFloor(request.GlibcFloor))
        {
            Artifacts.WhereItRuns.RequireDotnetFloor(Artifacts.WhereItRuns.Read([shipped]));
        }
    }
}
