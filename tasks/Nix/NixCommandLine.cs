namespace CrossSdk.Nix;

/// <summary>
/// The argument arrays CrossSdk passes to nix. Only flags that Nix 2.8 has (docs/nix-versions.md):
/// no --print-out-paths (2.9), no `^` installables.
/// </summary>
public static class NixCommandLine
{
    /// <summary>`nix` subcommands need the nix-command feature on every Nix before it became stable.</summary>
    public static IReadOnlyList<string> Common(bool flakes = false) =>
        ["--extra-experimental-features", flakes ? "nix-command flakes" : "nix-command"];

    public static IReadOnlyList<string> Version() => ["--version"];

    public static IReadOnlyList<string> ShowConfig() => [.. Common(), "show-config", "--json"];

    /// <summary>
    /// Asks for each attribute's derivation and output name, to match `nix build --json` results,
    /// which Nix 2.8 returns sorted by derivation, not in argument order. --show-trace (2.8 has
    /// it) costs nothing on success and gives a `throw` the file and line Nix 2.8 otherwise omits
    /// (EvaluationLocation).
    /// </summary>
    public static IReadOnlyList<string> EvalIndex(string file, IReadOnlyList<string> extraOptions, bool flakes = false) =>
    [
        .. Common(flakes), "eval", "--json", "--log-format", "internal-json", "--show-trace", .. extraOptions,
        "-f", file,
        "--apply", "attrs: builtins.mapAttrs (name: drv: { inherit (drv) drvPath outputName; }) attrs",
    ];

    /// <summary>What building the attributes would take, without building (for the planner).</summary>
    public static IReadOnlyList<string> DryRun(string file, IEnumerable<string> attributes, IReadOnlyList<string> extraOptions, bool flakes = false) =>
    [
        .. Common(flakes), "build", "--dry-run", "--log-format", "internal-json", "--show-trace", .. extraOptions,
        "-f", file, .. attributes,
    ];

    /// <summary>One `nix build` for every attribute of every target; the out-links become GC roots.</summary>
    public static IReadOnlyList<string> Build(string file, IEnumerable<string> attributes, string outLink, IReadOnlyList<string> extraOptions, bool flakes = false) =>
    [
        .. Common(flakes), "build", "--json", "--log-format", "internal-json", "--out-link", outLink, .. extraOptions,
        "-f", file, .. attributes,
    ];
}
