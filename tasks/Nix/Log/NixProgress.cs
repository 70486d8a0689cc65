using System.Text.Json;

namespace CrossSdk.Nix.Log;

/// <summary>
/// The state of one `nix build`, read from its internal-json activity stream the way Nix's own
/// progress bar reads it (src/libmain/progress-bar.cc): per activity type, what stopped activities
/// did plus what live ones report (resProgress = [done, expected, running, failed]), and the totals
/// the realisation announces (resSetExpected = [type, total]). Pure: the time of each event is
/// passed in. Works without `parent` (Nix writes it to JSON only from 2.18).
/// </summary>
internal sealed class NixProgress(DateTimeOffset start)
{
    private readonly Dictionary<long, Activity> live = [];
    private readonly Dictionary<int, (long Done, long Failed)> stopped = [];
    private int buildsStarted;
    private bool transfers;

    /// <summary>Applies one event; returns the build it starts, if it starts one.</summary>
    public NixBuildStart? Observe(NixLogEvent e, DateTimeOffset at)
    {
        switch (e)
        {
            case NixLogEvent.Started s:
                var activity = new Activity(s.Type, at);
                live[s.Id] = activity;
                transfers |= s.Type == NixActivityType.FileTransfer;
                if (s.Type == NixActivityType.Build && String(s.Fields, 0) is { } drv)
                {
                    activity.DrvPath = drv;
                    activity.Machine = String(s.Fields, 1) ?? "";
                    return new NixBuildStart(drv, activity.Machine, ++buildsStarted);
                }

                break;
            case NixLogEvent.Result r when live.TryGetValue(r.Id, out var a):
                Apply(a, r);
                break;
            case NixLogEvent.Stopped s when live.Remove(s.Id, out var a):
                var (done, failed) = stopped.GetValueOrDefault(a.Type);
                stopped[a.Type] = (done + a.Done, failed + a.Failed);
                break;
        }

        return null;
    }

    public NixProgressSnapshot Snapshot(DateTimeOffset now)
    {
        var builds = Tally(NixActivityType.Builds);
        var paths = Tally(NixActivityType.CopyPaths);

        // Downloads when Nix downloads; a file:// or local cache only copies, so count copied bytes then.
        var bytes = transfers ? Tally(NixActivityType.FileTransfer) : Tally(NixActivityType.CopyPath);

        // A build's activity lives as long as its goal: a finished top-level build stays live until
        // the end. Nix counts the ones really running; they are the most recently started.
        var started = live.Values.Where(a => a.Type == NixActivityType.Build && a.DrvPath is not null).OrderBy(a => a.Start).ToList();
        var running = builds.Seen ? started.Skip(Math.Max(0, started.Count - (int)builds.Running)).ToList() : started;

        return new NixProgressSnapshot(
            now - start,
            live.Values.Any(a => a.Type == NixActivityType.Realise) || stopped.ContainsKey(NixActivityType.Realise),
            builds.Done,
            Math.Max(builds.Expected, buildsStarted),
            builds.Failed,
            running.Select(a => new RunningBuild(a.DrvPath!, a.Machine, a.Phase, now - a.Start, a.LastLine)).ToList(),
            paths.Done,
            paths.Expected,
            bytes.Done,
            bytes.Expected,
            transfers);
    }

    private static void Apply(Activity a, NixLogEvent.Result r)
    {
        switch (r.Type)
        {
            case NixActivityType.ResultProgress when r.Fields.Count >= 4:
                a.Done = Number(r.Fields[0]);
                a.Expected = Number(r.Fields[1]);
                a.Running = Number(r.Fields[2]);
                a.Failed = Number(r.Fields[3]);
                a.HasProgress = true;
                break;
            case NixActivityType.ResultSetExpected when r.Fields.Count >= 2:
                a.ExpectedByType[(int)Number(r.Fields[0])] = Number(r.Fields[1]);
                break;
            case NixActivityType.ResultSetPhase when String(r.Fields, 0) is { } phase:
                a.Phase = phase;
                break;
            case NixActivityType.ResultBuildLogLine when String(r.Fields, 0) is { } line && line.Trim().Length > 0:
                a.LastLine = NixLogParser.StripAnsi(line).Trim();
                break;
        }
    }

    /// <summary>One type's totals, as progress-bar.cc's renderActivity adds them up.</summary>
    private (long Done, long Expected, long Running, long Failed, bool Seen) Tally(int type)
    {
        var (done, failed) = stopped.GetValueOrDefault(type);
        long expected = done, running = 0;
        var seen = stopped.ContainsKey(type);
        foreach (var a in live.Values.Where(a => a.Type == type))
        {
            done += a.Done;
            expected += a.Expected;
            running += a.Running;
            failed += a.Failed;
            seen |= a.HasProgress;
        }

        var announced = live.Values.Sum(a => a.ExpectedByType.GetValueOrDefault(type));
        return (done, Math.Max(expected, announced), running, failed, seen);
    }

    private static string? String(IReadOnlyList<JsonElement> fields, int i) =>
        i < fields.Count && fields[i].ValueKind == JsonValueKind.String ? fields[i].GetString() : null;

    private static long Number(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) ? n : 0;

    private sealed class Activity(int type, DateTimeOffset start)
    {
        public int Type { get; } = type;

        public DateTimeOffset Start { get; } = start;

        public string? DrvPath { get; set; }

        public string Machine { get; set; } = "";

        public string? Phase { get; set; }

        public string? LastLine { get; set; }

        public long Done { get; set; }

        public long Expected { get; set; }

        public long Running { get; set; }

        public long Failed { get; set; }

        public bool HasProgress { get; set; }

        public Dictionary<int, long> ExpectedByType { get; } = [];
    }
}
