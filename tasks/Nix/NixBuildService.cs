using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;

namespace CrossSdk.Nix;

/// <summary>
/// Evaluates the generated file once to learn each attribute's derivation, then realises every
/// attribute of every target in one `nix build`, and matches the results back by derivation path
/// and output name (never by position: Nix 2.8 sorts them).
/// </summary>
public sealed class NixBuildService(IToolRunner runner, ICrossLog log, IReadOnlyList<string>? emulatedSystems = null, bool flakes = false, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public async Task<IReadOnlyDictionary<Installable, string>> BuildAsync(
        string expressionFile,
        GeneratedExpression expression,
        string outLink,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation)
    {
        var index = await RunAsync(NixCommandLine.EvalIndex(expressionFile, extraOptions, flakes), expressionFile, cancellation).ConfigureAwait(false);
        var derivations = NixJson.ParseIndex(index);
        await AnnounceToolchainCompilesAsync(expressionFile, expression, derivations, extraOptions, cancellation).ConfigureAwait(false);

        var names = expression.Attributes.Select(a => a.Name).ToList();
        log.LogMessage(LogImportance.Normal, $"CrossSdk: nix build of {names.Count} attribute(s) from {expressionFile}");
        var labels = new DerivationLabels(expression.Attributes.Select(a => a.Plan).OfType<TargetPlan>().Distinct().ToList());
        var progress = new NixProgressReporter(log, clock, labels.Describe);
        var built = await RunAsync(NixCommandLine.Build(expressionFile, names, outLink, extraOptions, flakes), expressionFile, cancellation, new NixLogProcessor(log, progress), progress).ConfigureAwait(false);
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
        await RunAsync(NixCommandLine.DryRun(expressionFile, attributes, extraOptions, flakes), expressionFile, cancellation, processor).ConfigureAwait(false);
        // Nix prints the dry run's lists as messages at level 0, the level of errors.
        return DryRun.Parse(processor.Errors.Select(e => e.Text));
    }

    /// <summary>
    /// Before the build: for each target whose toolchain (stdenv.cc) is not in the store yet, a dry
    /// run of that toolchain alone, and a notice if Nix would compile one. Costs an evaluation only
    /// when a toolchain is missing, so once per nixpkgs revision and target.
    /// </summary>
    private async Task AnnounceToolchainCompilesAsync(
        string expressionFile, GeneratedExpression expression, IReadOnlyDictionary<string, DerivationOutput> derivations, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        foreach (var toolchain in expression.Attributes.Where(a => a.IsToolchain && derivations.TryGetValue(a.Name, out var d) && !ToolchainNotice.IsPresent(d)))
        {
            var processor = new NixLogProcessor(log);
            try
            {
                await RunAsync(NixCommandLine.DryRun(expressionFile, [toolchain.Name], extraOptions, flakes), expressionFile, cancellation, processor).ConfigureAwait(false);
            }
            catch (CrossException)
            {
                // The build itself reports it, in full.
                continue;
            }

            if (ToolchainNotice.For(toolchain.Plan!, DryRun.DerivationsToBuild(processor.Errors.Select(e => e.Text))) is { } notice)
            {
                log.LogMessage(LogImportance.High, notice);
            }
        }
    }

    private async Task<string> RunAsync(
        IReadOnlyList<string> arguments, string expressionFile, CancellationToken cancellation, NixLogProcessor? processor = null, NixProgressReporter? progress = null)
    {
        processor ??= new NixLogProcessor(log);
        log.LogMessage(LogImportance.Low, "CrossSdk: nix " + string.Join(" ", arguments.Select(QuoteForDisplay)));
        NixProcessResult result;
        // Nix may say nothing for minutes (a compiler under QEMU prints no line): a timer keeps the status coming.
        var ticker = progress is null ? null : clock.CreateTimer(_ => progress.Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            result = await runner.RunAsync(arguments, processor.Feed, cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (ticker is not null)
            {
                // Waits for a running tick: nothing is logged after the task has returned.
                await ticker.DisposeAsync().ConfigureAwait(false);
            }
        }

        cancellation.ThrowIfCancellationRequested();
        progress?.Finish();
        if (result.ExitCode != 0)
        {
            throw NixFailure.Classify(processor.Errors, processor.BuildLogTails, expressionFile, result.ExitCode, emulatedSystems);
        }

        return result.StandardOutput;
    }

    // For the log only: arguments are passed as an array, never through a shell.
    private static string QuoteForDisplay(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
