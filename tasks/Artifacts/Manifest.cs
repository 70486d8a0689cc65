using System.Text.Json;
using System.Text.Json.Serialization;
using CrossSdk.Diagnostics;

namespace CrossSdk.Artifacts;

internal sealed record Manifest(string Key, IReadOnlyList<ShippedFile> Files)
{
    public const string FileName = "manifest.json";

    public IReadOnlyList<Toolchain> Toolchains { get; init; } = [];

    /// <summary>Runtime roots for running on the target under QEMU (`dotnet run`/`dotnet test`), by RID.</summary>
    public IReadOnlyList<RuntimeRoot> RuntimeRoots { get; init; } = [];

    /// <summary>Where the manifest of a CrossIntermediateOutputPath lives.</summary>
    public static string PathIn(string intermediateDirectory) => Path.Combine(intermediateDirectory, FileName);

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

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Options));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>What makes a deserialized manifest unusable: JSON null where the records need a value.</summary>
    private string? Problem() =>
        Key is null ? "no key"
        : Files is null ? "no files list"
        : Files.Any(f => f?.Rid is null || f.NixSystem is null || f.Package is null || f.FileName is null || f.Path is null) ? "a file entry is incomplete"
        : Toolchains is null ? "no toolchains list"
        : Toolchains.Any(t => t?.Rid is null || t.Cc is null || t.Bintools is null) ? "a toolchain entry is incomplete"
        : RuntimeRoots is null || RuntimeRoots.Any(r => r?.Rid is null || r.Path is null) ? "a runtime root entry is incomplete"
        : null;

    /// <summary>Up to date when the key matches and every file it lists is still there.</summary>
    public bool IsUpToDate(string key) => Key == key && Files.All(f => File.Exists(f.Path));
}
