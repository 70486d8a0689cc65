using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tools;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stage 6: from the realised outputs to obj/cross/out/ and the manifest: collect, check each
/// ELF file, make it portable, and only when every check passed move it into place. A failed build
/// keeps the last good state; nothing rejected reaches bin/, publish or pack.
/// </summary>
internal sealed class Shipper(ToolRunners runners, ICrossLog log)
{
    private const string StoreToolHelp = "It is the patchelf Nix just built for this project (obj/cross/gcroots); check that the store path exists and rebuild.";

    public async Task<Manifest> ShipAsync(PreparedBuild prepared, IReadOnlyDictionary<Installable, string> outputs, bool needsPatchelf, CancellationToken cancellation)
    {
        var portability = prepared.Portability;
        var artifacts = WindowsPortability.Complete(Portability.Complete(new ArtifactCollector(log) { ManagedNames = [prepared.ProjectName] }.Collect(outputs), portability), outputs, portability);
        WindowsApiVersions.Report(artifacts, log);
        Func<Artifact, string, Task>? rewrite = null;
        var patchelfPath = needsPatchelf ? Path.Combine(outputs.Single(o => o.Key.IsTool && o.Key.Tool == "patchelf").Value, "bin", "patchelf") : null;
        if (portability == PortabilityMode.Rewrite)
        {
            var patchelf = runners.Tool(patchelfPath!, StoreToolHelp);
            rewrite = (artifact, copy) => Portability.RewriteAsync(copy, artifact, patchelf, cancellation);
        }

        // Every check runs on copies in a staging folder: nothing reaches obj/cross/out/ or the
        // manifest (and so bin/, publish and pack, also with --no-build) unless all of it passed.
        // A failed build keeps the last good state.
        // Windows: a DLL renamed so .NET finds it is renamed in the import tables of the shipped copies too.
        var renames = artifacts.GroupBy(a => a.Plan.Target.Rid).ToDictionary(g => g.Key, WindowsPortability.Renames, StringComparer.Ordinal);
        var elfRewrite = rewrite;
        rewrite = (artifact, copy) =>
        {
            if (artifact.Pe is not null)
            {
                WindowsPortability.RenameImports(copy, artifact, renames[artifact.Plan.Target.Rid]);
                return Task.CompletedTask;
            }

            return elfRewrite is null ? Task.CompletedTask : elfRewrite(artifact, copy);
        };
        var outputRoot = Path.Combine(prepared.IntermediateDirectory, "out");
        var stagingRoot = Path.Combine(prepared.IntermediateDirectory, "out.staging");
        Files.ResetDirectory(stagingRoot);
        IReadOnlyList<ShippedFile> shipped;
        IReadOnlyList<FileRequirement> requirements;
        try
        {
            var staged = await ArtifactCopier.CopyAllAsync(artifacts, stagingRoot, rewrite, cancellation).ConfigureAwait(false);
            Portability.Report(staged, prepared.GlibcFloor, log, glibc: prepared.TargetGlibc);
            requirements = WhereItRuns.Read(staged);
            if (prepared.DotnetFloor)
            {
                WhereItRuns.RequireDotnetFloor(requirements);
            }

            Manifest.Delete(prepared.ManifestPath);
            shipped = ArtifactCopier.Promote(staged, stagingRoot, outputRoot);
        }
        finally
        {
            try
            {
                Directory.Delete(stagingRoot, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Leftover copies are harmless (the next build resets the folder); the build's own outcome matters.
                log.LogMessage(LogImportance.Low, $"CrossSdk: could not remove {stagingRoot}: {ex.Message}");
            }
        }

        foreach (var target in shipped.GroupBy(f => f.Rid))
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: runtimes/{target.Key}/native/: {string.Join(", ", target.Select(f => f.FileName))}");
        }

        // Where each file runs, for CrossSdk.targets to say at every build (a no-op too) and pack.
        WriteReport(prepared.IntermediateDirectory, requirements);

        var toolchains = outputs.Keys.Where(k => k.IsToolchain).Select(k => new Toolchain(
            k.Plan!.Target.Rid,
            outputs[k],
            outputs.FirstOrDefault(o => o.Key.Role == InstallableRole.Bintools && o.Key.Plan == k.Plan).Value ?? outputs[k])).ToList();
        var roots = outputs.Where(o => o.Key.Role == InstallableRole.RuntimeRoot).Select(o => new RuntimeRoot(o.Key.Plan!.Target.Rid, o.Value)).ToList();
        var manifest = new Manifest(prepared.Key, shipped) { Toolchains = toolchains, Patchelf = patchelfPath, RuntimeRoots = roots, Inputs = prepared.Inputs };
        manifest.Write(prepared.ManifestPath);
        return manifest;
    }

    /// <summary>
    /// obj/cross/report/where-it-runs.txt (the report's line per RID) and CROSS0125.txt (the pack
    /// warning's text, empty when there is none): CrossSdk.targets says them with MSBuild's own
    /// Message and Warning tasks, so a no-op build and a pack repeat them without this assembly.
    /// </summary>
    internal static void WriteReport(string intermediateDirectory, IReadOnlyList<FileRequirement> requirements)
    {
        var folder = Path.Combine(intermediateDirectory, WhereItRuns.Folder);
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, WhereItRuns.LinesFile), WhereItRuns.Lines(requirements));
        File.WriteAllText(Path.Combine(folder, DiagnosticCodes.GlibcBeyondDotnet + ".txt"), WhereItRuns.BeyondDotnetText(requirements) ?? "");
    }
}
