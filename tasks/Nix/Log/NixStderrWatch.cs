namespace CrossSdk.Nix.Log;

/// <summary>
/// Watches nix's stderr beside <see cref="NixLogProcessor"/> for two things the JSON log does not
/// tell apart: warnings that Nix 2.8 sends at level 0, the level of errors
/// (`{"level":0,"msg":"warning: the group 'nixbld' specified in 'build-users-group' does not exist"}`,
/// seen here, even from a `nix eval` that then fails for another reason), and lines outside the
/// JSON log, which is what a crashing Nix prints (an assertion, "Nix crashed. This is a bug.").
/// </summary>
internal sealed class NixStderrWatch
{
    private const int Keep = 20;
    private readonly object gate = new();
    private readonly List<string> warnings = [];
    private readonly Queue<string> plain = new();

    public IReadOnlyList<string> PlainLines
    {
        get { lock (gate) { return plain.ToList(); } }
    }

    /// <summary>Feeds the line to <paramref name="next"/> and watches it.</summary>
    public Action<string> Around(Action<string> next) => line =>
    {
        next(line);
        Watch(line);
    };

    public void Watch(string line)
    {
        if (!line.StartsWith("@nix ", StringComparison.Ordinal))
        {
            lock (gate)
            {
                plain.Enqueue(BuildLogText.Clean(line));
                while (plain.Count > Keep)
                {
                    plain.Dequeue();
                }
            }

            return;
        }

        // Cheap test first: build logs are most of the lines.
        if (line.Contains("\"level\":0", StringComparison.Ordinal) && line.Contains("\"msg\":\"warning:", StringComparison.Ordinal)
            && NixLogParser.Parse(line) is NixLogEvent.Message { Level: 0 } m)
        {
            lock (gate)
            {
                warnings.Add(m.Text);
            }
        }
    }

    /// <summary>The errors without the warnings that came at their level (one removed per warning seen).</summary>
    public IReadOnlyList<NixLogEvent.Message> WithoutWarnings(IReadOnlyList<NixLogEvent.Message> errors)
    {
        List<string> pending;
        lock (gate)
        {
            pending = warnings.ToList();
        }

        var kept = new List<NixLogEvent.Message>();
        foreach (var e in errors)
        {
            if (!pending.Remove(e.Text))
            {
                kept.Add(e);
            }
        }

        return kept;
    }
}
