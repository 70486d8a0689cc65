using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossSdk.Artifacts;

/// <summary>
/// obj/cross/manifest.json: the up-to-date key of the last successful build and the files it
/// shipped. MSBuild items are made from it, also by `publish --no-build` and `pack --no-build`.
/// </summary>
/// <summary>A target's C toolchain from Nix: stdenv.cc and its binutils, for the NativeAOT link.</summary>
public sealed record Toolchain(string Rid, string Cc, string Bintools);

public sealed record Manifest(string Key, IReadOnlyList<ShippedFile> Files)
{
    public const string FileName = "manifest.json";

    public IReadOnlyList<Toolchain> Toolchains { get; init; } = [];

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

    public static Manifest? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException)
        {
            return null; // An unreadable manifest is as good as none: rebuild.
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Options));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Up to date when the key matches and every file it lists is still there.</summary>
    public bool IsUpToDate(string key) => Key == key && Files.All(f => File.Exists(f.Path));
}
