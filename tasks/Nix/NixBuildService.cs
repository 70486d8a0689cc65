using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;

namespace CrossSdk.Nix;

/// <summary>
/// Evaluates the generated file once to learn each attribute's derivation, then realises every
/// attribute of every target in one `nix build`, and matches the results back by derivation path
/// and output name (never by position: Nix 2.8 sorts them).
/// </summary>
public sealed class NixBuildService(IToolRunner runner, ICrossLog log, IReadOnlyList<string>? emulatedSystems = null, bool flakes = false)
{
    public async Task<IReadOnlyDictionary<Installable, string>> BuildAsync(
        string expressionFile,
        GeneratedExpression expression,
        string outLink,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation)
    {
        var packageFiles = expression.Attributes.Select(a => a.Package).Where(p => p is { Kind: PackageKind.File }).Select(p => p!.Source).Distinct().ToList();
        var index = await RunAsync(NixCommandLine.EvalIndex(expressionFile, extraOptions, flakes), expressionFile, extraOptions, cancellation, packageFiles: packageFiles, evaluating: true).ConfigureAwait(false);
        var derivations = NixJson.ParseIndex(index);

        var names = expression.Attributes.Select(a => a.Name).ToList();
        log.LogMessage(LogImportance.Normal, $"CrossSdk: nix build of {names.Count} attribute(s) from {expressionFile}");
        var built = await RunAsync(NixCommandLine.Build(expressionFile, names, outLink, extraOptions, flakes), expressionFile, extraOptions, cancellation, packageFiles: packageFiles).ConfigureAwait(false);
        var results = NixJson.ParseBuildResults(built);

        var outputs = new Dictionary<Installable, string>();
        foreach (var attribute in expression.Attributes)
        {
            if (!derivations.TryGetValue(attribute.Name, out var derivation) || !results.TryGetValue(derivation, out var path))
            {
                throw new CrossException(
                    DiagnosticCodes.UnexpectedNixOutput,
                    $"nix build did not report a result for '{attribute.Name}'" +
                    (derivation is null ? "." : $" ({derivation.DrvPath}, output {derivation.OutputName}).") +
                    " This Nix may report results in a format CrossSdk does not know; please report it with `nix --version`.");
            }

            outputs[attribute] = path;
        }

        return outputs;
    }

    /// <summary>What realising the attributes would take: derivations to build, paths to fetch.</summary>
    public async Task<CostEstimate> DryRunAsync(string expressionFile, IEnumerable<string> attributes, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        var processor = new NixLogProcessor(log);
        await RunAsync(NixCommandLine.DryRun(expressionFile, attributes, extraOptions, flakes), expressionFile, extraOptions, cancellation, processor).ConfigureAwait(false);
        // Nix prints the dry run's lists as messages at level 0, the level of errors.
        return DryRun.Parse(processor.Errors.Select(e => e.Text));
    }

    private async Task<string> RunAsync(
        IReadOnlyList<string> arguments,
        string expressionFile,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation,
        NixLogProcessor? processor = null,
        IReadOnlyCollection<string>? packageFiles = null,
        bool evaluating = false)
    {
        processor ??= new NixLogProcessor(log);
        var stderr = new NixStderrWatch();
        log.LogMessage(LogImportance.Low, "CrossSdk: nix " + string.Join(" ", arguments.Select(QuoteForDisplay)));
        var result = await runner.RunAsync(arguments, stderr.Around(processor.Feed), cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        if (result.ExitCode != 0)
        {
            throw NixFailure.Classify(processor.Errors, processor.BuildLogTails, expressionFile, result.ExitCode, emulatedSystems, stderr, extraOptions, packageFiles, evaluating);
        }

        return result.StandardOutput;
    }

    // For the log only: arguments are passed as an array, never through a shell.
    private static string QuoteForDisplay(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
