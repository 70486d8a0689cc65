using System.Globalization;
using CrossSdk.Diagnostics;

namespace CrossSdk.Nix.Log;

/// <summary>
/// Turns a running `nix build` into lines a person sees at the default verbosity: one when a
/// derivation starts (its name, target, "under QEMU"), and a status line whenever nothing was said
/// for <see cref="Interval"/> (built of expected, what runs and for how long, MiB fetched). Build
/// log lines are not its business (they stay at low importance). Thread-safe: Nix's stderr and a
/// timer feed it concurrently.
/// </summary>
internal sealed class NixProgressReporter
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private const int MaxRunningShown = 3;
    private const int MaxLastLine = 80;

    private readonly object gate = new();
    private readonly ICrossLog log;
    private readonly TimeProvider clock;
    private readonly Func<string, string, string> describe;
    private readonly NixProgress progress;
    private DateTimeOffset lastLine;
    private bool spoke;
    private bool finished;

    /// <param name="describe">(drv path, machine) to "zlib-1.2.13 for aarch64-linux under QEMU".</param>
    public NixProgressReporter(ICrossLog log, TimeProvider clock, Func<string, string, string> describe)
    {
        this.log = log;
        this.clock = clock;
        this.describe = describe;
        lastLine = clock.GetUtcNow();
        progress = new NixProgress(lastLine);
    }

    public void Observe(NixLogEvent e)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (progress.Observe(e, now) is { } start && !finished)
            {
                var expected = progress.Snapshot(now).ExpectedBuilds;
                Say($"CrossSdk: building {describe(start.DrvPath, start.Machine)} ({start.Ordinal} of {Math.Max(expected, start.Ordinal)})", now);
            }
        }
    }

    /// <summary>Called about every second: says where Nix stands when nothing was said for <see cref="Interval"/>.</summary>
    public void Tick()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (!finished && now - lastLine >= Interval)
            {
                Say("CrossSdk: " + Status(progress.Snapshot(now)), now);
            }
        }
    }

    /// <summary>Ends the reporting with one summary line, as loud as the lines before it (none: normal importance).</summary>
    public void Finish()
    {
        lock (gate)
        {
            if (finished)
            {
                return;
            }

            finished = true;
            var s = progress.Snapshot(clock.GetUtcNow());
            if (s.Built + s.FailedBuilds + s.PathsFetched == 0)
            {
                return;
            }

            var failed = s.FailedBuilds > 0 ? $" ({s.FailedBuilds} failed)" : "";
            log.LogMessage(spoke ? LogImportance.High : LogImportance.Normal,
                $"CrossSdk: Nix built {Count(s.Built, "derivation")}{failed} and fetched {Count(s.PathsFetched, "path")} in {Duration(s.Elapsed)}");
        }
    }

    /// <summary>"Nix at 40 s: 1 of 3 derivations built; running zlib-1.2.13 for aarch64-linux under QEMU (25 s, buildPhase); ..."</summary>
    public string Status(NixProgressSnapshot s)
    {
        var parts = new List<string>();
        if (s.ExpectedBuilds > 0)
        {
            parts.Add($"{s.Built} of {Count(s.ExpectedBuilds, "derivation")} built" + (s.FailedBuilds > 0 ? $", {s.FailedBuilds} failed" : ""));
        }

        if (s.Running.Count > 0)
        {
            var shown = s.Running.Take(MaxRunningShown).Select(r =>
                $"{describe(r.DrvPath, r.Machine)} ({Duration(r.Elapsed)}{(r.Phase is null ? "" : ", " + r.Phase)})" +
                (s.Running.Count == 1 && r.LastLine is { } last ? ": " + (last.Length <= MaxLastLine ? last : last[..(MaxLastLine - 3)] + "...") : ""));
            parts.Add("running " + string.Join(", ", shown) + (s.Running.Count > MaxRunningShown ? $" and {s.Running.Count - MaxRunningShown} more" : ""));
        }

        if (s.ExpectedPaths > 0 || s.PathsFetched > 0)
        {
            parts.Add($"{s.PathsFetched} of {Count(s.ExpectedPaths, "path")} fetched, {MiB(s.BytesFetched)} of {MiB(s.ExpectedBytes)} MiB {(s.Downloading ? "downloaded" : "copied")}");
        }

        if (parts.Count == 0)
        {
            parts.Add(s.Realising ? "working out what to build and fetch" : "evaluating the packages");
        }

        return $"Nix at {Duration(s.Elapsed)}: {string.Join("; ", parts)}";
    }

    /// <summary>"9 s", "4 min 05 s", "1 h 02 min".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes:00} min"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds:00} s"
        : $"{(int)t.TotalSeconds} s";

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private void Say(string line, DateTimeOffset now)
    {
        log.LogMessage(LogImportance.High, line);
        lastLine = now;
        spoke = true;
    }
}
