using System.Text.Json;
using CrossSdk.Diagnostics;

namespace CrossSdk.Nix.Commands;

/// <summary>Reads what `nix eval --json` and `nix build --json` print on stdout.</summary>
internal static class NixJson
{
    /// <summary>Parses {"attr": {"drv": "...", "output": "out", "path": "..."} or null, ...} (<see cref="NixCommandLine.Evaluate"/>).</summary>
    public static IReadOnlyDictionary<string, EvaluatedOutput?> ParseEvaluation(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.Null
                    ? null
                    : new EvaluatedOutput(
                        p.Value.GetProperty("drv").GetString()!,
                        p.Value.GetProperty("output").GetString()!,
                        p.Value.GetProperty("path").GetString()!),
                StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Unexpected("nix eval --json", json, ex);
        }
    }

    /// <summary>
    /// Parses `nix build --json`: [{"drvPath": "...", "outputs": {"out": "/nix/store/..."}}, ...]
    /// into (drvPath, output) -> store path. 2.12+ adds timing fields, which are ignored.
    /// </summary>
    public static IReadOnlyDictionary<DerivationOutput, string> ParseBuildResults(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var results = new Dictionary<DerivationOutput, string>();
            foreach (var entry in doc.RootElement.EnumerateArray())
            {
                var drvPath = entry.GetProperty("drvPath").GetString()!;
                foreach (var output in entry.GetProperty("outputs").EnumerateObject())
                {
                    results[new DerivationOutput(drvPath, output.Name)] = output.Value.GetString()!;
                }
            }

            return results;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Unexpected("nix build --json", json, ex);
        }
    }

    private static CrossException Unexpected(string command, string output, Exception ex) =>
        new(DiagnosticCodes.UnexpectedNixOutput,
            $"Could not read the output of `{command}` ({ex.Message}). This Nix may print a format CrossSdk does not know; please report it with `nix --version`. Output: {Truncate(output)}",
            inner: ex);

    private static string Truncate(string s) => s.Length <= 400 ? s : s[..400] + "...";
}
