using CrossSdk.Artifacts;
using CrossSdk.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrossSdk.MSBuild;

/// <summary>
/// Turns obj/cross/manifest.json into items (one per shipped file, with Rid, NixSystem, Package and
/// NativeFileName metadata). Runs also with --no-build, so publish and pack find the files.
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
        Files = manifest is null
            ? []
            : manifest.Files.Where(f => File.Exists(f.Path)).Select(ToItem).ToArray();
    }

    private static TaskItem ToItem(ShippedFile file)
    {
        var item = new TaskItem(file.Path);
        item.SetMetadata("Rid", file.Rid);
        item.SetMetadata("NixSystem", file.NixSystem);
        item.SetMetadata("Package", file.Package);
        item.SetMetadata("NativeFileName", file.FileName);
        item.SetMetadata("Link", file.Static ? "static" : "shared");
        // The name DllImport uses for a static library's functions: libhello.a -> hello.
        var name = System.IO.Path.GetFileNameWithoutExtension(file.FileName);
        item.SetMetadata("DirectPInvokeName", name.StartsWith("lib", StringComparison.Ordinal) ? name[3..] : name);
        return item;
    }
}
