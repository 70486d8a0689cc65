using System.Text;
using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

/// <summary>A CrossPackage item as MSBuild gives it: the Include and its metadata.</summary>
public sealed record PackageItem(string ItemSpec, string? Outputs = null, string? Include = null);

/// <summary>Turns CrossPackage items into <see cref="PackageSpec"/>s.</summary>
public static class PackageResolver
{
    /// <summary>
    /// An Include that names an existing file is a package file; an existing folder means its
    /// default.nix; anything that looks like a path (has '/' or ends in .nix) but does not exist is
    /// an error; anything else is a nixpkgs attribute path (zlib, xorg.libX11).
    /// </summary>
    public static IReadOnlyList<PackageSpec> Resolve(IReadOnlyList<PackageItem> items, string projectDirectory)
    {
        var specs = new List<PackageSpec>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var (kind, source) = Classify(item.ItemSpec, projectDirectory);
            var key = UniqueKey(BaseKey(kind, source), keys);
            specs.Add(new PackageSpec(
                key,
                kind,
                source,
                SplitList(item.Outputs) is { Count: > 0 } outputs ? outputs
                    : kind == PackageKind.Attribute ? [PackageSpec.LibrariesOutput] : PackageSpec.DefaultOutputs,
                SplitList(item.Include) is { Count: > 0 } include ? include : PackageSpec.DefaultInclude,
                item.ItemSpec));
        }

        return specs;
    }

    private static (PackageKind Kind, string Source) Classify(string itemSpec, string projectDirectory)
    {
        var spec = itemSpec.Trim();
        var full = Path.GetFullPath(spec, projectDirectory);
        if (File.Exists(full))
        {
            return (PackageKind.File, full);
        }

        if (Directory.Exists(full))
        {
            var defaultNix = Path.Combine(full, "default.nix");
            if (File.Exists(defaultNix))
            {
                return (PackageKind.File, defaultNix);
            }

            throw new CrossException(
                DiagnosticCodes.PackageFileNotFound,
                $"CrossPackage '{itemSpec}' is a folder, taken as a package folder, but it has no default.nix ({defaultNix}). Add one, or name the package file itself.");
        }

        if (LooksLikePath(spec))
        {
            throw new CrossException(
                DiagnosticCodes.PackageFileNotFound,
                $"CrossPackage '{itemSpec}' was taken for a package file (it contains '/' or ends in .nix), but {full} does not exist. " +
                "Fix the path (it is relative to the project folder), or give a nixpkgs attribute such as 'zlib' to ship a nixpkgs package.");
        }

        return (PackageKind.Attribute, spec);
    }

    private static bool LooksLikePath(string spec) =>
        spec.Contains('/') || spec.Contains('\\') || spec.EndsWith(".nix", StringComparison.OrdinalIgnoreCase) || spec.StartsWith('.');

    private static string BaseKey(PackageKind kind, string source)
    {
        var name = kind == PackageKind.File
            ? Path.GetFileName(source) == "default.nix" ? Path.GetFileName(Path.GetDirectoryName(source)!) : Path.GetFileNameWithoutExtension(source)
            : source.Split('.').Last();
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        var key = sb.ToString().Trim('_');
        return key.Length == 0 || !char.IsAsciiLetter(key[0]) ? "p" + key : key;
    }

    private static string UniqueKey(string key, HashSet<string> taken)
    {
        var candidate = key;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{key}_{n}";
        }

        return candidate;
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value!.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
