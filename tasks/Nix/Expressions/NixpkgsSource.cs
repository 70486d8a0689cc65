namespace CrossSdk.Nix.Expressions;

/// <summary>Where nixpkgs comes from: an explicit folder, or &lt;nixpkgs&gt; on the Nix search path.</summary>
/// <param name="Path">The absolute folder, when known (CrossNixpkgs, or NIX_PATH resolved).</param>
/// <param name="FromSearchPath">Found on the Nix search path (NIX_PATH, channels); the expression says &lt;nixpkgs&gt; only when it could not be resolved.</param>
/// <param name="Description">For messages and the up-to-date key: the real path, or the search path entry.</param>
internal sealed record NixpkgsSource(string? Path, bool FromSearchPath, string Description)
{
    /// <summary>A Nix expression for the source (flakes: fetchTree or getFlake); null for Path or &lt;nixpkgs&gt;.</summary>
    public string? Expression { get; init; }

    /// <summary>For a flake reference the user gave: which setting gave it (CrossNixpkgs, a CrossTarget's Nixpkgs metadata), for blame.</summary>
    public string? Setting { get; init; }

    /// <summary>For a flake reference the user gave: the reference as given.</summary>
    public string? Reference { get; init; }

    /// <summary>Evaluating it needs the `flakes` experimental feature (fetchTree, getFlake).</summary>
    public bool NeedsFlakes => Expression is not null;

    public static NixpkgsSource Flake(string expression, string description) => new(null, false, description) { Expression = expression };

    public static NixpkgsSource FromFolder(string path) => new(path, false, path);

    public static NixpkgsSource SearchPath(string? resolvedPath) =>
        new(resolvedPath, true, resolvedPath is null ? "<nixpkgs>" : $"<nixpkgs> = {resolvedPath}");

    /// <summary>
    /// The Nix expression that names this nixpkgs. A search-path nixpkgs that CrossSdk resolved is
    /// named by that folder: the up-to-date key follows the folder CrossSdk resolved, so Nix must
    /// build from the same one (Nix's own lookup also reads nix.conf's nix-path and -I options).
    /// </summary>
    public string ToNix() => Expression ?? (Path is { } folder ? NixString.Path(folder) : "<nixpkgs>");
}
