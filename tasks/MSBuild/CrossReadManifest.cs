using CrossSdk.Artifacts;
using CrossSdk.Tools;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrossSdk.MSBuild;

/// <summary>
/// Turns obj/cross/manifest.json into items (one per shipped file, with Rid, NixSystem, Package and
/// NativeFileName metadata). Runs also with --no-build, so publish and pack find the files.
/// CrossSdk.targets reads obj/cross/manifest.items instead when the build wrote one (no task
/// assembly to load on a no-op); this task is for paths that file cannot carry.
/// </summary>
public sealed class CrossReadManifest : CrossTask
{
    [Required]
    public string IntermediateDirectory { get; set; } = "";

    [Output]
    public ITaskItem[] Files { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var manifest = Manifest.TryRead(Manifest.PathIn(IntermediateDirectory), CrossLog);
        foreach (var file in manifest?.Files ?? [])
        {
            // Without a build (publish or pack with --no-build) nothing can ship it again: say so.
            var problem = !File.Exists(file.Path) ? "is gone from obj/cross/out/"
                : FileHash.Sha256(file.Path) != file.Sha256 ? "was changed after the build shipped it"
                : null;
            if (problem is not null)
            {
                throw new Diagnostics.CrossException(
                    Diagnostics.DiagnosticCodes.ShippedFileMissing,
                    $"The native file {file.Path} that the last build shipped (runtimes/{file.Rid}/native/{file.FileName}) {problem}, so the output or package would not hold what the build made. Build again (a publish or pack without --no-build ships it again).");
            }
        }

        Files = manifest is null ? [] : manifest.Files.Select(ToItem).ToArray();
    }

    private static TaskItem ToItem(ShippedFile file)
    {
        var item = new TaskItem(file.Path);
        item.SetMetadata("Rid", file.Rid);
        item.SetMetadata("NixSystem", file.NixSystem);
        item.SetMetadata("Package", file.Package);
        item.SetMetadata("NativeFileName", file.FileName);
        item.SetMetadata("Link", file.Static ? "static" : "shared");
        item.SetMetadata("DirectPInvokeName", file.DirectPInvokeName);
        return item;
    }
}
