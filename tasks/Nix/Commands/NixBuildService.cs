using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Planning;
using CrossSdk.Tools;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// The Nix calls of a build. Evaluating nixpkgs is what costs (seconds and hundreds of MiB per
/// process with a real nixpkgs), so a build evaluates its generated file once
/// (<see cref="EvaluateAsync"/>), and everything after works on derivation paths, which Nix
/// reads without evaluating: the planner's dry runs (<see cref="DryRunAsync"/>) and one
/// `nix build` of the chosen derivations (<see cref="RealiseAsync"/>), matched back by derivation
/// path and output name (never by position: Nix 2.8 sorts them).
/// </summary>
internal sealed class NixBuildService(NixContext context, ICrossLog log)
{
    private readonly TimeProvider clock = context.Clock;

    /// <summary>Evaluates every attribute of the file; a tolerant attribute that throws comes back null.</summary>
    public async Task<IReadOnlyDictionary<Installable, EvaluatedOutput?>> EvaluateAsync(
        string expressionFile,
        GeneratedExpression expression,
        IReadOnlyCollection<Installable> tolerant,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation,
        NixReads? reads = null)
    {
        log.LogMessage(LogImportance.Normal, $"CrossSdk: evaluating {expression.Attributes.Count} attribute(s) of {expressionFile}");
        var arguments = NixCommandLine.Evaluate(expressionFile, tolerant.Select(a => a.Name).ToList(), extraOptions, context.Flakes, reportReads: reads is not null);
        var json = await RunAsync(arguments, expressionFile, extraOptions, cancellation, new NixLogProcessor(log, reads: reads), packageFiles: PackageFiles(expression), evaluating: true).ConfigureAwait(false);
        var index = NixJson.ParseEvaluation(json);
        var evaluated = new Dictionary<Installable, EvaluatedOutput?>();
        foreach (var attribute in expression.Attributes)
        {
            if (!index.TryGetValue(attribute.Name, out var value))
            {
                throw new CrossException(
                    DiagnosticCodes.UnexpectedNixOutput,
                    $"nix eval did not report '{attribute.Name}'. This Nix may print a format CrossSdk does not know; please report it with `nix --version`.");
            }

            evaluated[attribute] = value;
        }

        return evaluated;
    }

    /// <summary>What realising the derivations would take: derivations to build, paths to fetch. Evaluates nothing.</summary>
    public async Task<CostEstimate> DryRunAsync(IEnumerable<DerivationOutput> outputs, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        var processor = new NixLogProcessor(log);
        await RunAsync(NixCommandLine.DryRun(Installables(outputs), extraOptions), null, extraOptions, cancellation, processor).ConfigureAwait(false);
        // Nix prints the dry run's lists as messages at level 0, the level of errors.
        return DryRun.Parse(processor.Errors.Select(e => e.Text));
    }

    /// <summary>Builds (or fetches) the derivations in one `nix build`, with GC roots at <paramref name="outLink"/>, -1, -2, ...</summary>
    public async Task<IReadOnlyDictionary<Installable, string>> RealiseAsync(
        IReadOnlyDictionary<Installable, EvaluatedOutput> attributes,
        string outLink,
        string expressionFile,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation)
    {
        await AnnounceToolchainCompilesAsync(attributes, extraOptions, cancellation).ConfigureAwait(false);
        log.LogMessage(LogImportance.Normal, $"CrossSdk: nix build of {attributes.Count} derivation output(s)");
        var packageFiles = attributes.Keys.Select(a => a.Package).Where(p => p is { Kind: PackageKind.File }).Select(p => p!.Source).Distinct().ToList();
        var labels = new DerivationLabels(attributes.Keys.Select(a => a.Plan).OfType<TargetPlan>().Distinct().ToList());
        var progress = new NixProgressReporter(log, clock, labels.Describe);
        var built = await RunAsync(
            NixCommandLine.Build(Installables(attributes.Values.Select(a => a.Output)), outLink, extraOptions), expressionFile, extraOptions, cancellation,
            new NixLogProcessor(log, progress), packageFiles: packageFiles, progress: progress).ConfigureAwait(false);
        var results = NixJson.ParseBuildResults(built);

        var outputs = new Dictionary<Installable, string>();
        foreach (var (attribute, evaluated) in attributes)
        {
            if (!results.TryGetValue(evaluated.Output, out var path))
            {
                // Nix 2.8 leaves out of its JSON an output that was already valid (fetched from a
                // cache that had only some of the derivation's outputs) when it built the others:
                // the evaluated path, realised, is the result.
                if (!evaluated.OutPath.StartsWith('/') || !(Directory.Exists(evaluated.OutPath) || File.Exists(evaluated.OutPath)))
                {
                    throw new CrossException(
                        DiagnosticCodes.UnexpectedNixOutput,
                        $"nix build did not report a result for '{attribute.Name}' ({evaluated.DrvPath}, output {evaluated.OutputName})." +
                        " This Nix may report results in a format CrossSdk does not know; please report it with `nix --version`.");
                }

                path = evaluated.OutPath;
            }

            outputs[attribute] = path;
        }

        return outputs;
    }

    /// <summary>
    /// Before the build: for each target whose toolchain (stdenv.cc) is not in the store yet, a dry
    /// run of that toolchain's derivation alone (it evaluates nothing), and a notice if Nix would
    /// compile one.
    /// </summary>
    private async Task AnnounceToolchainCompilesAsync(IReadOnlyDictionary<Installable, EvaluatedOutput> attributes, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        foreach (var (toolchain, evaluated) in attributes.Where(a => a.Key.IsToolchain && !Directory.Exists(a.Value.OutPath) && !File.Exists(a.Value.OutPath)))
        {
            var processor = new NixLogProcessor(log);
            try
            {
                await RunAsync(NixCommandLine.DryRun(Installables([evaluated.Output]), extraOptions), null, extraOptions, cancellation, processor).ConfigureAwait(false);
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

    private static List<string> PackageFiles(GeneratedExpression expression) =>
        expression.Attributes.Select(a => a.Package).Where(p => p is { Kind: PackageKind.File }).Select(p => p!.Source).Distinct().ToList();

    private IEnumerable<string> Installables(IEnumerable<DerivationOutput> outputs) =>
        outputs.Select(o => NixCommandLine.Installable(o, context.Version)).Distinct(StringComparer.Ordinal);

    private async Task<string> RunAsync(
        IReadOnlyList<string> arguments,
        string? expressionFile,
        IReadOnlyList<string> extraOptions,
        CancellationToken cancellation,
        NixLogProcessor? processor = null,
        IReadOnlyCollection<string>? packageFiles = null,
        bool evaluating = false,
        NixProgressReporter? progress = null)
    {
        processor ??= new NixLogProcessor(log);
        var stderr = new NixStderrWatch();
        log.LogMessage(LogImportance.Low, "CrossSdk: nix " + string.Join(" ", arguments.Select(QuoteForDisplay)));
        NixProcessResult result;
        // Nix may say nothing for minutes (a compiler under QEMU prints no line): a timer keeps the status coming.
        var ticker = progress is null ? null : clock.CreateTimer(_ => progress.Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            result = await context.Runner.RunAsync(arguments, stderr.Around(processor.Feed), cancellation).ConfigureAwait(false);
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
            var failure = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, expressionFile ?? "", result.ExitCode)
            {
                EmulatedSystems = context.EmulatedSystems,
                Stderr = stderr,
                ExtraOptions = extraOptions,
                PackageFiles = packageFiles ?? [],
                Evaluating = evaluating,
            });
            throw failure.Code == DiagnosticCodes.BinaryCacheCorrupt && context.Substituters is { Count: > 0 }
                ? NixSetupErrors.CacheCorrupt(failure.Detail ?? "", context.Substituters)
                : failure;
        }

        return result.StandardOutput;
    }

    // For the log only: arguments are passed as an array, never through a shell.
    private static string QuoteForDisplay(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+^".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
