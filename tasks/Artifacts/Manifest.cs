using System.Text.Json;
using System.Text.Json.Serialization;
using CrossSdk.Diagnostics;
using CrossSdk.Tools;

namespace CrossSdk.Artifacts;

internal sealed record Manifest(string Key, IReadOnlyList<ShippedFile> Files)
{
    public const string FileName = "manifest.json";

    /// <summary>
    /// The shipped files as tab-separated lines (path, Rid, NixSystem, Package, NativeFileName,
    /// Link, DirectPInvokeName) for CrossSdk.targets to read with ReadLinesFromFile, so a no-op
    /// build need not load the task assembly. Written only when every field is plain MSBuild
    /// text; otherwise absent, and the CrossReadManifest task reads the JSON.
    /// </summary>
    public const string ItemsFileName = "manifest.items";

    public IReadOnlyList<Toolchain> Toolchains { get; init; } = [];

    /// <summary>Runtime roots for running on the target under QEMU (`dotnet run`/`dotnet test`), by RID.</summary>
    public IReadOnlyList<RuntimeRoot> RuntimeRoots { get; init; } = [];

    /// <summary>Where the manifest of a CrossIntermediateOutputPath lives.</summary>
    public static string PathIn(string intermediateDirectory) => Path.Combine(intermediateDirectory, FileName);

    /// <summary>What the evaluation that made these files read (null for a project with no packages).</summary>
    public Incremental.InputSet? Inputs { get; init; }

    /// <summary>patchelf from Nix, when the build realised it.</summary>
    public string? Patchelf { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The manifest at <paramref name="path"/>, or null when there is none or it cannot be used
    /// (not JSON, or a required part missing or null, as a hand edit or a crash mid-write leaves
    /// it): such a manifest is as good as none, and the next build rebuilds. Said at low importance.
    /// </summary>
    public static Manifest? TryRead(string path, ICrossLog? log = null)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? problem;
        Manifest? manifest = null;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options);
            problem = manifest is null ? "it is null" : manifest.Problem();
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
        }

        if (problem is null)
        {
            return manifest;
        }

        log?.LogMessage(LogImportance.Low, $"CrossSdk: {path} cannot be used ({problem}); treated as no manifest, so the native files are rebuilt.");
        return null;
    }

    /// <summary>Writes the items file and then the manifest: the manifest, written last, is what makes both count.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteItems(path);
        WriteReplacing(path, JsonSerializer.Serialize(this, Options));
    }

    /// <summary>
    /// The items file beside the manifest, rewritten when it differs from what the manifest says
    /// (a damaged or hand-edited one is repaired by any build that runs the task). Written only
    /// when every field is plain MSBuild text; otherwise removed, and CrossReadManifest reads the JSON.
    /// </summary>
    public void WriteItems(string manifestPath)
    {
        var items = ItemsPathBeside(manifestPath);
        var lines = Files.Select(f => (string[])[f.Path, f.Rid, f.NixSystem, f.Package, f.FileName, f.Static ? "static" : "shared", f.DirectPInvokeName]).ToList();
        if (!lines.All(fields => fields.All(MSBuildText.IsPlain)))
        {
            File.Delete(items);
            return;
        }

        var text = string.Concat(lines.Select(fields => string.Join('\t', fields) + "\n"));
        if (!File.Exists(items) || File.ReadAllText(items) != text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(items)!);
            WriteReplacing(items, text);
        }
    }

    /// <summary>Before a new build's files move into place: no manifest (and no items file) says the old ones count.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(ItemsPathBeside(path));
    }

    public static string ItemsPathBeside(string manifestPath) => Path.Combine(Path.GetDirectoryName(manifestPath)!, ItemsFileName);

    private static void WriteReplacing(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>What makes a deserialized manifest unusable: JSON null where the records need a value.</summary>
    private string? Problem() =>
        Key is null ? "no key"
        : Files is null ? "no files list"
        : Files.Any(f => f?.Rid is null || f.NixSystem is null || f.Package is null || f.FileName is null || f.Path is null || f.Sha256 is null) ? "a file entry is incomplete"
        : Inputs is { } inputs && (inputs.Roots is null || inputs.Absent is null || inputs.Excluded is null || inputs.Roots.Any(r => r?.Path is null) || inputs.Absent.Any(a => a is null) || inputs.Excluded.Any(e => e is null)) ? "its record of what Nix read is incomplete"
        : Toolchains is null ? "no toolchains list"
        : Toolchains.Any(t => t?.Rid is null || t.Cc is null || t.Bintools is null) ? "a toolchain entry is incomplete"
        : RuntimeRoots is null || RuntimeRoots.Any(r => r?.Rid is null || r.Path is null) ? "a runtime root entry is incomplete"
        : null;

    /// <summary>
    /// Up to date when the key matches and every file it lists is still there, as shipped, in
    /// obj/cross/out/ (a file removed or edited there, or a manifest edited to name another, is
    /// shipped again).
    /// </summary>
    public bool IsUpToDate(string key, string intermediateDirectory)
    {
        var output = Path.Combine(Path.GetFullPath(intermediateDirectory), "out") + "/";
        return Key == key && Files.All(f => Path.GetFullPath(f.Path).StartsWith(output, StringComparison.Ordinal) && File.Exists(f.Path) && FileHash.Sha256(f.Path) == f.Sha256);
    }
}
