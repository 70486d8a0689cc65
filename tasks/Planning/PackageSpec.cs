namespace CrossSdk.Planning;

/// <summary>One CrossPackage item, resolved.</summary>
/// <param name="Key">A short unique name for attribute names and messages ("greet").</param>
/// <param name="Kind">File or nixpkgs attribute.</param>
/// <param name="Source">The absolute package file, or the attribute path.</param>
/// <param name="Outputs">Derivation outputs to collect from ("out", "lib", ...).</param>
/// <param name="Include">Globs, relative to each output, of the files to ship.</param>
/// <param name="ItemSpec">The item as written, for messages.</param>
internal sealed record PackageSpec(
    string Key,
    PackageKind Kind,
    string Source,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<string> Include,
    string ItemSpec)
{
    /// <summary>A compiler to build with instead of the default: the package gets <c>stdenv = pkgs.&lt;Compiler&gt;Stdenv</c> (gcc11 -> gcc11Stdenv).</summary>
    public string? Compiler { get; init; }

    /// <summary>Overlay files applied to the package set this package is built with (and to nothing else).</summary>
    public IReadOnlyList<OverlaySpec> Overlays { get; init; } = [];

    public static readonly IReadOnlyList<string> DefaultOutputs = ["out"];

    /// <summary>The default output of a nixpkgs attribute package: its `lib` output if it has one, else `out`.</summary>
    public const string LibrariesOutput = "libraries";

    public static readonly IReadOnlyList<string> DefaultInclude = ["lib/**/*.so*", "bin/*"];

    public static readonly IReadOnlyList<string> DefaultStaticInclude = ["lib/**/*.a"];

    /// <summary>Link="static": its static libraries are linked into a NativeAOT executable, not shipped.</summary>
    public bool Static { get; init; }

    /// <summary>Whether two spellings of a CrossPackage Include mean the same item (./native/greet.nix and native/greet.nix).</summary>
    public static bool SameName(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    private static string Normalize(string s) => s.Trim().Replace('\\', '/').TrimStart('.', '/');

    /// <summary>The folder whose files are inputs of a file package (its source tree).</summary>
    public string? SourceFolder => Kind == PackageKind.File ? System.IO.Path.GetDirectoryName(Source) : null;
}
