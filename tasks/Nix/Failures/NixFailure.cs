using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Failures;

/// <summary>
/// Turns what a failed nix process said into one coded, actionable error. Classifies by message,
/// not exit code: `nix build` exits 1 for every failure (docs/nix-versions.md), and texts differ
/// between versions, so each situation lists the texts of all of them.
/// </summary>
internal partial class NixFailure
{
    /// <summary>The one coded error for a failed nix call (<see cref="FailedNixCall"/> says what it said).</summary>
    public static CrossException Classify(FailedNixCall call)
    {
        var (errors, buildLogTails, _, exitCode) = call;
        var (emulatedSystems, stderr) = (call.EmulatedSystems, call.Stderr);
        errors = stderr?.WithoutWarnings(errors) ?? errors;
        var tails = buildLogTails.ToDictionary(t => t.Key, t => BuildLogText.CleanTail(t.Value));
        buildLogTails = tails;
        var setup = NixSetupFailure.Recognise(errors.Select(e => e.Text).ToList(), tails, stderr?.PlainLines ?? [], exitCode, call.ExtraOptions, emulatedSystems);
        if (setup is not null)
        {
            return setup;
        }

        if (errors.Count == 0)
        {
            return new CrossException(
                DiagnosticCodes.UnexpectedNixOutput,
                $"nix exited with code {exitCode} without an error message. Run the build with -v:diag to see Nix's output.");
        }

        // The first error is the cause; later ones are consequences ("build of ... failed").
        var first = errors.FirstOrDefault(IsBuilderFailure) ?? errors[0];
        var text = first.Text;

        if (text.StartsWith("unrecognised flag", StringComparison.Ordinal) || text.StartsWith("unrecognized flag", StringComparison.Ordinal)
            || text.Contains("unknown setting", StringComparison.Ordinal) || text.StartsWith("unexpected argument", StringComparison.Ordinal))
        {
            return RejectedOptions(NixLogParser.Headline(text));
        }

        if (text.Contains("NAR hash mismatch in input", StringComparison.Ordinal))
        {
            return new CrossException(
                DiagnosticCodes.FlakeLockStale,
                $"The locked nixpkgs does not match its source: {NixLogParser.Headline(text)}. The flake.lock is stale: run `nix flake lock --update-input nixpkgs` (or `nix flake update`).");
        }

        if (text.Contains("was not found in the Nix search path", StringComparison.Ordinal))
        {
            return new CrossException(
                DiagnosticCodes.NixpkgsNotFound,
                $"{NixLogParser.Headline(text)}. Point CrossSdk at a nixpkgs: set CrossNixpkgs to a nixpkgs folder " +
                "(-p:CrossNixpkgs=/path/to/nixpkgs), or add nixpkgs to NIX_PATH (export NIX_PATH=nixpkgs=/path/to/nixpkgs).",
                first.File, first.Line, first.Column);
        }

        // The system is not buildable here. <= 2.29 and Lix: "a 'aarch64-linux' with features {} is
        // required to build '...', but I am a 'x86_64-linux' ..."; 2.30-2.33: "Reason: required
        // system or feature not available" + "Required system: 'aarch64-linux'"; 2.34+: "Reason:
        // platform mismatch".
        if (errors.FirstOrDefault(IsSystemRefusal) is { } refused)
        {
            var system = RequiredSystem().Match(refused.Text) is { Success: true } m ? m.Groups["system"].Value : emulatedSystems is { Count: > 0 } ? emulatedSystems[0] : "the target system";
            return EmulationErrors.NixRefuses(system, NixLogParser.Headline(refused.Text));
        }

        // The system was accepted but nothing runs its builder: "executing '...': Exec format
        // error" (on 2.8 inside the build log), or "No such file or directory" for the builder
        // of a handler registered without the F flag while the sandbox is on.
        var execFormat = errors.Select(e => e.Text).Concat(buildLogTails.Values.SelectMany(t => t))
            .FirstOrDefault(t => t.Contains("Exec format error", StringComparison.Ordinal)
                || (emulatedSystems is { Count: > 0 } && NixSetupFailure.IsBuilderMissing(t)));
        if (execFormat is not null)
        {
            var system = emulatedSystems is { Count: 1 } ? emulatedSystems[0] : emulatedSystems is { Count: > 1 } ? string.Join(" or ", emulatedSystems) : "the target system";
            return EmulationErrors.ExecFormat(system, NixLogParser.Headline(execFormat));
        }

        if (IsBuilderFailure(first))
        {
            var drv = StorePaths.DerivationsIn(text).FirstOrDefault();
            var tail = drv is not null && buildLogTails.TryGetValue(drv, out var lines) ? lines : [];
            var log = tail.Count == 0
                ? $" See its log with: nix log {drv}"
                : $" Last lines of its log:{Environment.NewLine}{string.Join(Environment.NewLine, tail.Select(l => "  " + l))}";
            return new CrossException(
                DiagnosticCodes.NixBuildFailed,
                $"Nix could not build {(drv is null ? "a derivation" : StorePaths.NameOf(drv))}: {NixLogParser.Headline(text)}.{log}");
        }

        return EvaluationError(call, first, text);
    }

    /// <summary>An evaluation error: where Nix gave a position, or where its trace (--show-trace) points; a failure that is neither is Nix's own words, unrecognised.</summary>
    private static CrossException EvaluationError(FailedNixCall call, NixLogEvent.Message first, string text)
    {
        // A guard of the generated expression: the nixpkgs lacks what the strategy needs (its fault, not the CrossPackage items').
        if (MissingNixpkgsAttribute.Recognise(text) is { } lacking)
        {
            return lacking;
        }

        var (generatedFile, packageFiles) = (call.GeneratedFile, call.PackageFiles);
        var location = first.File is { } file
            ? new NixLocation(file, first.Line, first.Column)
            : EvaluationLocation.Find(text, generatedFile, packageFiles);
        var headline = BuildLogText.Clean(NixLogParser.Headline(text));
        if (location is null && !call.Evaluating && !LooksLikeEvaluation(text))
        {
            return NixSetupErrors.Unrecognised(headline, call.ExitCode);
        }

        string where, hint;
        if (location is null)
        {
            var files = packageFiles is { Count: > 0 } ? string.Join(", ", packageFiles) : generatedFile;
            where = "";
            hint = $" Nix did not say where; it was evaluating {files}.";
        }
        else if (location.File == generatedFile)
        {
            where = $" (in {location.File}{LineOf(location)})";
            hint = " The error is in the expression CrossSdk generated from the CrossPackage items: check their names and metadata.";
        }
        else if (first.File is null)
        {
            // From the trace: on 2.8 the frame of the function being evaluated, not the throw.
            where = $" (in {location.File})";
            hint = $" Fix {Path.GetFileName(location.File)}: Nix's trace points at{LineOf(location)}, in the function it was evaluating.";
        }
        else
        {
            where = $" (in {location.File}{LineOf(location)})";
            hint = $" Fix {Path.GetFileName(location.File)}{LineOf(location)}.";
        }

        return new CrossException(
            DiagnosticCodes.NixEvaluationFailed,
            $"Nix could not evaluate the packages{where}: {headline}.{hint}",
            location?.File, location?.Line ?? 0, location?.Column ?? 0)
        {
            Detail = headline,
        };
    }

    private static string LineOf(NixLocation l) => l.Line > 0 ? $" line {l.Line}" : "";

    // Errors only evaluation gives (src/libexpr: eval.cc, primops.cc, parser), for a call that
    // also builds: 2.8 gives some of them no position.
    private static bool LooksLikeEvaluation(string text) => EvaluationWords().IsMatch(text);

    [GeneratedRegex(@"evaluation aborted with the following error message|while evaluating|undefined variable|attribute '[^']*' missing|infinite recursion encountered|called without required argument|called with unexpected argument|assertion '.*' failed|syntax error|cannot coerce|is not a function|value is (?:an? )?\w+ while (?:an? )?\w+ was expected|cannot import|getting status of")]
    private static partial Regex EvaluationWords();

    /// <summary>CROSS0016: an argument CrossSdk passed from CrossNixOptions/CrossNixArgument.</summary>
    public static CrossException RejectedOptions(string headline) =>
        new(DiagnosticCodes.NixRejectedOptions,
            $"Nix rejected its command line: {headline}. Check CrossNixOptions (arguments separated by ';' or spaces) and CrossNixArgument items; they are passed to every nix call after CrossSdk's own.");

    /// <summary>Whether Nix refused to build a system, in the words of any version.</summary>
    public static bool IsSystemRefusal(IReadOnlyList<NixLogEvent.Message> errors) => errors.Any(IsSystemRefusal);

    private static bool IsSystemRefusal(NixLogEvent.Message e) =>
        RequiredSystem().IsMatch(e.Text)
        || e.Text.Contains("required system or feature not available", StringComparison.Ordinal)
        || e.Text.Contains("platform mismatch", StringComparison.Ordinal);

    // 2.8-2.2x: "builder for '/nix/store/...drv' failed with exit code 2"; later:
    // "Cannot build '/nix/store/...drv'. Reason: builder failed with exit code 2."
    private static bool IsBuilderFailure(NixLogEvent.Message m) =>
        (m.Text.Contains("builder for '", StringComparison.Ordinal) && m.Text.Contains("failed", StringComparison.Ordinal))
        || (m.Text.Contains("Cannot build '", StringComparison.Ordinal) && m.Text.Contains("builder failed", StringComparison.Ordinal));

    [GeneratedRegex(@"a '(?<system>[^']+)' with features \{[^}]*\} is required to build|Required system: '(?<system>[^']+)'")]
    private static partial Regex RequiredSystem();
}
