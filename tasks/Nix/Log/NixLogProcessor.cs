using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Nix.Log;

/// <summary>
/// Follows Nix's internal-json log while it runs: forwards progress and build output to the
/// build log, keeps the last lines each builder printed, and collects Nix's errors, so that a
/// failure can be reported with its cause.
/// </summary>
internal sealed class NixLogProcessor
{
    public const int TailLines = 25;

    private readonly ICrossLog log;
    private readonly NixProgressReporter? progress;
    private readonly NixReads? reads;
    private readonly object gate = new();
    private readonly Dictionary<long, BuildActivity> builds = [];
    private readonly List<NixLogEvent.Message> errors = [];

    /// <param name="progress">Told every event of a `nix build`, to say what Nix does at the default verbosity.</param>
    /// <param name="reads">Told the chatty messages of an evaluation run with -vv (what Nix read); they are not logged.</param>
    public NixLogProcessor(ICrossLog log, NixProgressReporter? progress = null, NixReads? reads = null)
    {
        this.log = log;
        this.progress = progress;
        this.reads = reads;
    }

    public IReadOnlyList<NixLogEvent.Message> Errors
    {
        get { lock (gate) { return errors.ToList(); } }
    }

    /// <summary>The builds seen, by derivation path, with the last lines each printed.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> BuildLogTails
    {
        get
        {
            lock (gate)
            {
                return builds.Values
                    .GroupBy(b => b.DrvPath)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Last().Tail.ToList());
            }
        }
    }

    public void Feed(string line)
    {
        var e = NixLogParser.Parse(line);
        progress?.Observe(e);
        lock (gate)
        {
            Handle(e);
        }
    }

    private void Handle(NixLogEvent e)
    {
        switch (e)
        {
            case NixLogEvent.Message { Level: 0 } m:
                errors.Add(m);
                break;
            case NixLogEvent.Message { Level: 1 } m:
                log.LogMessage(LogImportance.High, $"nix: warning: {m.Text}");
                break;
            case NixLogEvent.Message m when m.Level > 3 && reads is not null:
                // -vv for what Nix read: thousands of lines with a real nixpkgs, none for people.
                reads.TryRecord(m.Text);
                break;
            case NixLogEvent.Message m:
                log.LogMessage(m.Level <= 3 ? LogImportance.Normal : LogImportance.Low, $"nix: {m.Text}");
                break;
            case NixLogEvent.Started { Type: NixActivityType.Build } s:
                var drv = s.Fields.Count > 0 && s.Fields[0].ValueKind == JsonValueKind.String ? s.Fields[0].GetString()! : s.Text;
                builds[s.Id] = new BuildActivity(drv);
                // Low: the progress reporter names the build for people, with its target.
                log.LogMessage(progress is null ? LogImportance.Normal : LogImportance.Low, $"nix: {s.Text}");
                break;
            case NixLogEvent.Started { Type: NixActivityType.CopyPath } s when s.Text.Length > 0:
                log.LogMessage(LogImportance.Low, $"nix: {s.Text}");
                break;
            case NixLogEvent.Result { Type: NixActivityType.ResultBuildLogLine } r when r.Fields.Count > 0:
                var text = BuildLogText.Clean(r.Fields[0].ValueKind == JsonValueKind.String ? r.Fields[0].GetString()! : r.Fields[0].ToString());
                if (builds.TryGetValue(r.Id, out var build))
                {
                    build.Add(text);
                    log.LogMessage(LogImportance.Low, $"{build.Name}> {text}");
                }

                break;
            case NixLogEvent.Plain p when p.Text.Trim().Length > 0:
                // Messages outside the JSON logger: on older Nix, some warnings and errors.
                if (p.Text.TrimStart().StartsWith("error:", StringComparison.Ordinal))
                {
                    errors.Add(new NixLogEvent.Message(0, NixLogParser.CleanMessage(p.Text), null, 0, 0));
                }
                else
                {
                    log.LogMessage(LogImportance.Normal, $"nix: {p.Text}");
                }

                break;
        }
    }

    private sealed class BuildActivity(string drvPath)
    {
        public string DrvPath { get; } = drvPath;

        public Queue<string> Tail { get; } = new();

        /// <summary>"greet-aarch64-unknown-linux-gnu-1.0.0" from its .drv path.</summary>
        public string Name { get; } = StorePaths.NameOf(drvPath);

        public void Add(string line)
        {
            Tail.Enqueue(line);
            while (Tail.Count > TailLines)
            {
                Tail.Dequeue();
            }
        }
    }
}
