using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Planning;

namespace CrossSdk.Nix;

/// <summary>
/// Turns what a failed nix process said into one coded, actionable error. Classifies by message,
/// not exit code: `nix build` exits 1 for every failure (docs/nix-versions.md), and texts differ
/// between versions, so each situation lists the texts of all of them.
/// </summary>
public static partial class NixFailure
{
    public static CrossException Classify(
        IReadOnlyList<NixLogEvent.Message> errors,
        IReadOnlyDictionary<string, IReadOnlyList<string>> buildLogTails,
        string generatedFile,
        int exitCode,
        IReadOnlyList<string>? emulatedSystems = null)
    {
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
            return new CrossException(
                DiagnosticCodes.NixRejectedOptions,
                $"Nix rejected its command line: {NixLogParser.Headline(text)}. Check CrossNixOptions (arguments separated by ';' or spaces) and CrossNixArgument items; they are passed to every nix call after CrossSdk's own.");
        }

        if (text.Contains("NAR hash mismatch in input", StringComparison.Ordinal))
        {
            return new CrossException(
                DiagnosticCodes.NixpkgsNotFound,
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
            .FirstOrDefault(t => t.Contains("Exec format error", StringComparison.Ordinal));
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

        var file = first.File;
        var where = file is null ? "" : $" (in {file})";
        var hint = file == generatedFile
            ? " The error is in the expression CrossSdk generated from the CrossPackage items: check their names and metadata."
            : " Fix the Nix file at the location shown.";
        return new CrossException(
            DiagnosticCodes.NixEvaluationFailed,
            $"Nix could not evaluate the packages{where}: {NixLogParser.Headline(text)}.{hint}",
            file, first.Line, first.Column)
        {
            Detail = NixLogParser.Headline(text),
        };
    }

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
