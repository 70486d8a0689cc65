using System.Text;
using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

/// <summary>Turns CrossPackage items into <see cref="PackageSpec"/>s.</summary>
internal static class PackageResolver
{
    /// <summary>
    /// An Include that names an existing file is a package file; an existing folder means its
    /// default.nix; anything that looks like a path (has '/' or ends in .nix) but does not exist is
    /// an error; anything else is a nixpkgs attribute path (zlib, xorg.libX11).
    /// </summary>
    public static IReadOnlyList<PackageSpec> Resolve(
        IReadOnlyList<PackageItem> items,
        string projectDirectory,
        IReadOnlyList<OverlayItem>? overlays = null,
        string? compiler = null)
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
                SplitList(item.Outputs) is { Count: > 0 } outputs ? PackageMetadata.ValidOutputs(outputs, item.ItemSpec)
                    : kind == PackageKind.Attribute ? [PackageSpec.LibrariesOutput] : PackageSpec.DefaultOutputs,
                SplitList(item.Include) is { Count: > 0 } include ? PackageMetadata.ValidInclude(include, item.ItemSpec)
                    : IsStatic(item) ? PackageSpec.DefaultStaticInclude : PackageSpec.DefaultInclude,
                item.ItemSpec) { Static = IsStatic(item) });
        }

        var overlaySpecs = (overlays ?? []).Select(o => (Item: o, Spec: ResolveOverlay(o, projectDirectory))).ToList();
        foreach (var (item, _) in overlaySpecs.Where(o => !string.IsNullOrWhiteSpace(o.Item.Package)))
        {
            if (!specs.Any(p => MatchesPackage(p, item.Package!)))
            {
                throw new CrossException(
                    DiagnosticCodes.InvalidOverlay,
                    $"CrossOverlay '{item.ItemSpec}' is scoped to Package '{item.Package}', which names no CrossPackage. Use a CrossPackage Include ({string.Join(", ", specs.Select(p => p.ItemSpec))}) or its name ({string.Join(", ", specs.Select(p => p.Key))}).");
            }
        }

        return specs.Zip(items, (spec, item) => spec with
        {
            Compiler = ValidCompiler(string.IsNullOrWhiteSpace(item.Compiler) ? compiler : item.Compiler),
            Overlays = overlaySpecs
                .Where(o => string.IsNullOrWhiteSpace(o.Item.Package) || MatchesPackage(spec, o.Item.Package!))
                .Select(o => o.Spec)
                .ToList(),
        }).ToList();
    }

    private static bool IsStatic(PackageItem item) => (item.Link ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "shared" => false,
        "static" => true,
        _ => throw new CrossException(DiagnosticCodes.InvalidLink, $"CrossPackage '{UserText.Display(item.ItemSpec)}' has Link='{UserText.Display(item.Link ?? "")}'; use shared (the default) or static (link its static library into a NativeAOT executable)."),
    };

    private static bool MatchesPackage(PackageSpec spec, string scope) =>
        PackageSpec.SameName(spec.ItemSpec, scope) || spec.Key == scope.Trim();

    private static OverlaySpec ResolveOverlay(OverlayItem item, string projectDirectory)
    {
        var file = UserText.FullPath(item.ItemSpec.Trim(), projectDirectory) ?? UserText.Display(item.ItemSpec);
        if (!File.Exists(file))
        {
            throw new CrossException(DiagnosticCodes.InvalidOverlay, $"CrossOverlay '{UserText.Display(item.ItemSpec)}' does not exist ({UserText.Display(file)}). An overlay is a Nix file holding `self: super: {{ ... }}`.");
        }

        var target = string.IsNullOrWhiteSpace(item.Target) ? null : Platforms.PlatformCatalog.Resolve(item.Target!, $"Target of CrossOverlay '{item.ItemSpec}'");
        return new OverlaySpec(file, target);
    }

    private static string? ValidCompiler(string? compiler)
    {
        if (string.IsNullOrWhiteSpace(compiler))
        {
            return null;
        }

        var name = compiler!.Trim();
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || !char.IsAsciiLetter(name[0]))
        {
            throw new CrossException(DiagnosticCodes.InvalidOverlay, $"CrossCompiler '{compiler}' is not a nixpkgs compiler name such as gcc11 or clang16 (the package is built with pkgs.<name>Stdenv).");
        }

        return name;
    }

    private static (PackageKind Kind, string Source) Classify(string itemSpec, string projectDirectory)
    {
        var spec = itemSpec.Trim();
        if (UserText.FullPath(spec, projectDirectory) is not { } full)
        {
            throw new CrossException(
                DiagnosticCodes.PackageFileNotFound,
                $"CrossPackage '{UserText.Display(itemSpec)}' contains a NUL character, so it names neither a package file nor a nixpkgs attribute. Fix the item.");
        }

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
                $"CrossPackage '{UserText.Display(itemSpec)}' was taken for a package file (it contains '/' or ends in .nix), but {UserText.Display(full)} does not exist. " +
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
