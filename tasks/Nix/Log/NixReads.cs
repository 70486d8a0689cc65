namespace CrossSdk.Nix.Log;

/// <summary>
/// What Nix reported it read while it evaluated, from its chatty (-vv) log: each file it evaluated
/// (`evaluating file '/abs/pkg.nix'`, level 4) and each path it copied into the store as a source
/// (`copied source '/abs/src' -> '/nix/store/...-src'`, level 5), with that copy, which is exactly
/// what Nix saw. Seen with Nix 2.8 also when the source is in the store already. Thread-safe: the
/// log arrives on CliWrap's stderr callback.
/// </summary>
internal sealed class NixReads
{
    private const string EvaluatingPrefix = "evaluating file '";
    private const string CopiedPrefix = "copied source '";
    private const string CopiedSeparator = "' -> '";

    private readonly object gate = new();
    private readonly List<string> evaluated = [];
    private readonly List<(string Path, string StorePath)> copied = [];

    public IReadOnlyList<string> EvaluatedFiles
    {
        get { lock (gate) { return evaluated.Distinct(StringComparer.Ordinal).ToList(); } }
    }

    public IReadOnlyList<(string Path, string StorePath)> CopiedSources
    {
        get { lock (gate) { return copied.Distinct().ToList(); } }
    }

    /// <summary>Records the message when it is one of the two; true when it was (the caller need not log it).</summary>
    public bool TryRecord(string message)
    {
        if (message.StartsWith(EvaluatingPrefix, StringComparison.Ordinal) && message.EndsWith('\''))
        {
            lock (gate)
            {
                evaluated.Add(message[EvaluatingPrefix.Length..^1]);
            }

            return true;
        }

        // The source path may hold "' -> '" itself; the store path cannot.
        var separator = message.LastIndexOf(CopiedSeparator, StringComparison.Ordinal);
        if (message.StartsWith(CopiedPrefix, StringComparison.Ordinal) && message.EndsWith('\'') && separator > CopiedPrefix.Length)
        {
            lock (gate)
            {
                copied.Add((message[CopiedPrefix.Length..separator], message[(separator + CopiedSeparator.Length)..^1]));
            }

            return true;
        }

        return false;
    }
}
