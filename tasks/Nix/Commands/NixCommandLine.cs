using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// The argument arrays CrossSdk passes to nix. Only flags that Nix 2.8 has (docs/nix-versions.md):
/// no --print-out-paths (2.9), no `^` installables.
/// </summary>
internal static class NixCommandLine
{
    /// <summary>`nix` subcommands need the nix-command feature on every Nix before it became stable.</summary>
    public static IReadOnlyList<string> Common(bool flakes = false) =>
        ["--extra-experimental-features", flakes ? "nix-command flakes" : "nix-command"];

    public static IReadOnlyList<string> Version() => ["--version"];

    public static IReadOnlyList<string> ShowConfig() => [.. Common(), "show-config", "--json"];

    /// <summary>
    /// The one evaluation of a build: each attribute's derivation, selected output and its store
    /// path. Attributes named in <paramref name="tolerant"/> (the candidates of `auto`) give null
    /// when they throw, so that a candidate that does not evaluate (no pkgsCross for the target,
    /// no emulated stdenv) is ruled out without failing the others. builtins.tryEval catches
    /// `throw` and `assert`, which is how nixpkgs refuses an unsupported platform. --show-trace
    /// (2.8 has it) costs nothing on success and gives a `throw` the file and line Nix 2.8
    /// otherwise omits (EvaluationLocation). With <paramref name="reportReads"/>, -vv makes Nix log
    /// each file it evaluates and each source it copies (<see cref="NixReads"/>): what the
    /// up-to-date key covers, from the evaluation a build does anyway.
    /// </summary>
    public static IReadOnlyList<string> Evaluate(string file, IReadOnlyCollection<string> tolerant, IReadOnlyList<string> extraOptions, bool flakes = false, bool reportReads = false) =>
    [
        .. Common(flakes), "eval", "--json", "--log-format", "internal-json", "--show-trace", .. reportReads ? new[] { "-vv" } : [], .. extraOptions,
        "-f", file,
        "--apply",
        // The names are identifiers (AttributeNames), safe inside a Nix string.
        "attrs: let tolerant = [ " + string.Join(" ", tolerant.Select(n => "\"" + n + "\"")) + " ]; " +
        // Not `outPath` as a name: Nix prints a set with an outPath as that string in JSON.
        "describe = d: { drv = d.drvPath; output = d.outputName; path = d.outPath; }; " +
        "in builtins.mapAttrs (name: d: if builtins.elem name tolerant " +
        "then (let r = builtins.tryEval (builtins.seq d.drvPath (describe d)); in if r.success then r.value else null) " +
        "else describe d) attrs",
    ];

    /// <summary>
    /// A derivation output as an installable that needs no evaluation: `drv^out` from Nix 2.13;
    /// before that a bare .drv path, which `nix build` takes as all of its outputs (2.15 made a
    /// bare .drv path mean the file itself).
    /// </summary>
    public static string Installable(DerivationOutput output, Version nixVersion) =>
        nixVersion >= new Version(2, 13) ? $"{output.DrvPath}^{output.OutputName}" : output.DrvPath;

    /// <summary>What realising the derivations would take, without building or evaluating (for the planner).</summary>
    public static IReadOnlyList<string> DryRun(IEnumerable<string> installables, IReadOnlyList<string> extraOptions) =>
    [
        .. Common(), "build", "--dry-run", "--log-format", "internal-json", .. extraOptions, .. installables,
    ];

    /// <summary>One `nix build` of the chosen derivations of every target; the out-links become GC roots.</summary>
    public static IReadOnlyList<string> Build(IEnumerable<string> installables, string outLink, IReadOnlyList<string> extraOptions) =>
    [
        .. Common(), "build", "--json", "--log-format", "internal-json", "--out-link", outLink, .. extraOptions, .. installables,
    ];

    /// <summary>
    /// CrossSubstituters, CrossTrustedPublicKeys and CrossBuilders for every nix call: the
    /// `extra-` forms add to nix.conf's lists instead of replacing them (2.8 has them).
    /// </summary>
    public static IReadOnlyList<string> ScaleOut(IReadOnlyList<string> substituters, IReadOnlyList<string> publicKeys, string? builders) =>
    [
        .. substituters.Count == 0 ? [] : new[] { "--option", "extra-substituters", string.Join(" ", substituters) },
        .. publicKeys.Count == 0 ? [] : new[] { "--option", "extra-trusted-public-keys", string.Join(" ", publicKeys) },
        .. string.IsNullOrWhiteSpace(builders) ? [] : new[] { "--builders", builders.Trim() },
    ];

    /// <summary>Each path with its closure, NAR sizes and signatures (`nix path-info --json -r`).</summary>
    public static IReadOnlyList<string> PathInfo(IEnumerable<string> paths, string? store = null) =>
    [
        .. Common(), "path-info", "--json", "--recursive", .. store is null ? [] : new[] { "--store", store }, .. paths,
    ];

    /// <summary>Signs the paths and their closures in the local store with a secret key file.</summary>
    public static IReadOnlyList<string> Sign(IEnumerable<string> paths, string keyFile) =>
        [.. Common(), "store", "sign", "--key-file", keyFile, "--recursive", .. paths];

    /// <summary>Copies the paths and their closures to a store; paths already there are skipped by Nix.</summary>
    public static IReadOnlyList<string> Copy(IEnumerable<string> paths, string destination, IReadOnlyList<string> extraOptions) =>
        [.. Common(), "copy", "--log-format", "internal-json", "--to", destination, .. extraOptions, .. paths];

    /// <summary>Whether a store (a builder, a cache) answers: `nix store ping --store URI`.</summary>
    public static IReadOnlyList<string> Ping(string store) => [.. Common(), "store", "ping", "--store", store];
}
