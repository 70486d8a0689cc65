using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>The progress model and its reporter, fed lines as Nix 2.8 printed them here, with a clock the test moves.</summary>
[TestClass]
public sealed class NixProgressTests
{
    private const string Emulated = "/nix/store/4m5gbyl3cbl13zs6mvsy9bv3iwdfk450-greet-1.0.0.drv";
    private const string Cross = "/nix/store/kdai725czx8yn97v0ylw1fqqiixk8rbn-greet-aarch64-unknown-linux-gnu-1.0.0.drv";
    private const string Patchelf = "/nix/store/0p4yrqv2xq3kd7z8ldb0lf6lgl5nk3c9-patchelf-0.17.2.drv";

    // The start of a real `nix build` of two derivations (Nix 2.8, internal-json): the realisation,
    // the builds and copies activities, their progress and the expected download and NAR sizes.
    private static readonly string[] Opening =
    [
        """@nix {"action":"start","id":1,"level":0,"text":"","type":102}""",
        """@nix {"action":"start","id":2,"level":0,"text":"","type":104}""",
        """@nix {"action":"start","id":3,"level":0,"text":"","type":103}""",
        """@nix {"action":"result","fields":[0,2,0,0],"id":2,"type":105}""",
        """@nix {"action":"result","fields":[0,0,0,0],"id":3,"type":105}""",
        """@nix {"action":"result","fields":[101,0],"id":1,"type":106}""",
        """@nix {"action":"result","fields":[100,0],"id":1,"type":106}""",
    ];

    private static string BuildStart(long id, string drv, string machine = "") =>
        $$"""@nix {"action":"start","fields":["{{drv}}","{{machine}}",1,1],"id":{{id}},"level":3,"text":"building '{{drv}}'","type":105}""";

    private static string Progress(long id, long done, long expected, long running, long failed = 0) =>
        $$"""@nix {"action":"result","fields":[{{done}},{{expected}},{{running}},{{failed}}],"id":{{id}},"type":105}""";

    private static string LogLine(long id, string text) => $$"""@nix {"action":"result","fields":["{{text}}"],"id":{{id}},"type":101}""";

    private static string Stop(long id) => $$"""@nix {"action":"stop","id":{{id}}}""";

    private static readonly TargetPlatform Arm64 = PlatformCatalog.Resolve("aarch64-linux", "test");

    private static DerivationLabels Labels(params TargetPlan[] plans) =>
        new(plans, drv => drv == Emulated ? new DerivationFile("aarch64-linux", new Dictionary<string, string>())
            : drv == Patchelf ? new DerivationFile("x86_64-linux", new Dictionary<string, string>()) : null);

    private static (NixProgressReporter Reporter, RecordingLog Log, ManualClock Clock) Reporter(params TargetPlan[] plans)
    {
        var log = new RecordingLog();
        var clock = new ManualClock();
        return (new NixProgressReporter(log, clock, Labels(plans).Describe), log, clock);
    }

    private static void Feed(NixProgressReporter reporter, params string[] lines)
    {
        foreach (var line in lines)
        {
            reporter.Observe(NixLogParser.Parse(line));
        }
    }

    [TestMethod]
    public void A_derivation_that_starts_is_named_with_its_target_and_under_QEMU_when_emulated()
    {
        var (reporter, log, _) = Reporter(new TargetPlan(Arm64, Strategy.Emulated, "test"));
        Feed(reporter, Opening);
        Feed(reporter, BuildStart(4, Emulated));

        CollectionAssert.AreEqual(new[] { "CrossSdk: building greet-1.0.0 for aarch64-linux under QEMU (1 of 2)" }, log.Messages.ToList());
    }

    [TestMethod]
    public void A_cross_derivation_is_named_by_the_target_in_its_name_and_a_tool_by_its_system()
    {
        var labels = Labels(new TargetPlan(Arm64, Strategy.Cross, "test"));

        Assert.AreEqual("greet-aarch64-unknown-linux-gnu-1.0.0 for aarch64-linux", labels.Describe(Cross, ""));
        Assert.AreEqual("patchelf-0.17.2 for x86_64-linux", labels.Describe(Patchelf, ""));
        Assert.AreEqual("greet-1.0.0 for aarch64-linux on ssh://arm-builder", labels.Describe(Emulated, "ssh://arm-builder"), "a remote builder builds it, not QEMU");
    }

    [TestMethod]
    public void While_a_build_is_silent_a_status_line_comes_every_ten_seconds_naming_what_runs_and_for_how_long()
    {
        var (reporter, log, clock) = Reporter(new TargetPlan(Arm64, Strategy.Emulated, "test"));
        Feed(reporter, Opening);
        clock.Advance(TimeSpan.FromSeconds(2));
        Feed(reporter, BuildStart(4, Emulated), Progress(2, 0, 2, 1));

        for (var second = 0; second < 35; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            reporter.Tick();
        }

        var lines = log.Messages.ToList();
        Assert.AreEqual(4, lines.Count, string.Join("\n", lines));
        Assert.AreEqual("CrossSdk: Nix at 12 s: 0 of 2 derivations built; running greet-1.0.0 for aarch64-linux under QEMU (10 s)", lines[1]);
        Assert.AreEqual("CrossSdk: Nix at 22 s: 0 of 2 derivations built; running greet-1.0.0 for aarch64-linux under QEMU (20 s)", lines[2]);
        StringAssert.StartsWith(lines[3], "CrossSdk: Nix at 32 s:");
    }

    [TestMethod]
    public void Build_log_lines_reset_nothing_and_flood_nothing()
    {
        var log = new RecordingLog();
        var clock = new ManualClock();
        var reporter = new NixProgressReporter(new ImportanceLog(log), clock, Labels(new TargetPlan(Arm64, Strategy.Emulated, "test")).Describe);
        var processor = new NixLogProcessor(new ImportanceLog(log), reporter);
        foreach (var line in Opening.Append(BuildStart(4, Emulated)))
        {
            processor.Feed(line);
        }

        for (var i = 0; i < 1000; i++)
        {
            processor.Feed(LogLine(4, $"compiling file {i}"));
            if (i % 100 == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(3));
                reporter.Tick();
            }
        }

        var loud = log.Messages.Where(m => m.StartsWith("[High]", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1 + 2, loud.Count, "one start line and one status line per 10 s of 30 s: " + string.Join("\n", loud));
        Assert.AreEqual(1000, log.Messages.Count(m => m.StartsWith("[Low] greet-1.0.0> compiling", StringComparison.Ordinal)), "build output stays at low importance");
        Assert.IsFalse(log.Messages.Any(m => m.StartsWith("[Normal] nix: building", StringComparison.Ordinal)), "Nix's own 'building' line is low: the reporter names the build");
    }

    [TestMethod]
    public void The_status_shows_the_phase_and_the_last_line_of_the_one_running_build()
    {
        var (reporter, log, clock) = Reporter(new TargetPlan(Arm64, Strategy.Emulated, "test"));
        Feed(reporter, Opening);
        Feed(reporter, BuildStart(4, Emulated), Progress(2, 0, 2, 1),
            """@nix {"action":"result","fields":["buildPhase"],"id":4,"type":104}""",
            LogLine(4, "\\u001b[1mgcc -O2 -c inflate.c\\u001b[0m"), LogLine(4, "   "));
        clock.Advance(TimeSpan.FromSeconds(10));
        reporter.Tick();

        Assert.AreEqual("CrossSdk: Nix at 10 s: 0 of 2 derivations built; running greet-1.0.0 for aarch64-linux under QEMU (10 s, buildPhase): gcc -O2 -c inflate.c", log.Messages.Last());
    }

    [TestMethod]
    public void A_finished_top_level_build_whose_activity_lingers_is_not_shown_as_running()
    {
        var progress = new NixProgress(DateTimeOffset.UnixEpoch);
        var t = DateTimeOffset.UnixEpoch;
        foreach (var line in Opening.Concat([BuildStart(4, Cross), Progress(2, 0, 2, 1), Progress(2, 1, 2, 0), BuildStart(5, Emulated), Progress(2, 1, 2, 1)]))
        {
            progress.Observe(NixLogParser.Parse(line), t);
            t = t.AddSeconds(1);
        }

        var s = progress.Snapshot(t);
        Assert.AreEqual(1, s.Built);
        Assert.AreEqual(2, s.ExpectedBuilds);
        Assert.AreEqual(Emulated, s.Running.Single().DrvPath, "Nix 2.8 stops a top-level build's activity only at the end");
    }

    [TestMethod]
    public void Fetched_paths_and_bytes_count_against_what_the_realisation_expects()
    {
        // A real substitution from a file:// binary cache (Nix 2.8): no download activity, so bytes copied count.
        var lines = new[]
        {
            """@nix {"action":"start","id":1,"level":0,"text":"","type":102}""",
            """@nix {"action":"start","id":3,"level":0,"text":"","type":103}""",
            """@nix {"action":"result","fields":[101,2272],"id":1,"type":106}""",
            """@nix {"action":"result","fields":[100,3145728],"id":1,"type":106}""",
            """@nix {"action":"result","fields":[0,2,1,0],"id":3,"type":105}""",
            """@nix {"action":"start","fields":["/nix/store/pc0py45q6141vmisdfkahp5m7mnj5sy3-greet-1.0.0","file:///tmp/cache"],"id":7,"level":0,"text":"","type":108}""",
            """@nix {"action":"start","fields":["/nix/store/pc0py45q6141vmisdfkahp5m7mnj5sy3-greet-1.0.0","file:///tmp/cache","local"],"id":8,"level":3,"text":"copying path","type":100}""",
            """@nix {"action":"result","fields":[1048576,2097152,0,0],"id":8,"type":105}""",
            """@nix {"action":"result","fields":[2097152,2097152,0,0],"id":8,"type":105}""",
            Stop(8),
            """@nix {"action":"result","fields":[1,2,0,0],"id":3,"type":105}""",
        };
        var progress = new NixProgress(DateTimeOffset.UnixEpoch);
        foreach (var line in lines)
        {
            progress.Observe(NixLogParser.Parse(line), DateTimeOffset.UnixEpoch);
        }

        var s = progress.Snapshot(DateTimeOffset.UnixEpoch.AddSeconds(20));
        Assert.AreEqual((1, 2), (s.PathsFetched, s.ExpectedPaths));
        Assert.AreEqual((2097152, 3145728), (s.BytesFetched, s.ExpectedBytes));
        Assert.IsFalse(s.Downloading);
        var (reporter, _, _) = Reporter();
        Assert.AreEqual("Nix at 20 s: 1 of 2 paths fetched, 2.0 of 3.0 MiB copied", reporter.Status(s));
    }

    [TestMethod]
    public void Downloads_count_the_bytes_of_file_transfers_against_the_expected_download_size()
    {
        var lines = new[]
        {
            """@nix {"action":"start","id":1,"level":0,"text":"","type":102}""",
            """@nix {"action":"result","fields":[101,104857600],"id":1,"type":106}""",
            """@nix {"action":"start","fields":["https://cache.nixos.org/nar/a.nar.xz"],"id":9,"level":4,"text":"downloading","type":101}""",
            """@nix {"action":"result","fields":[31457280,52428800,0,0],"id":9,"type":105}""",
            """@nix {"action":"start","fields":["https://cache.nixos.org/nar/b.nar.xz"],"id":10,"level":4,"text":"downloading","type":101}""",
            """@nix {"action":"result","fields":[52428800,52428800,0,0],"id":9,"type":105}""",
            Stop(9),
            """@nix {"action":"result","fields":[10485760,52428800,0,0],"id":10,"type":105}""",
        };
        var progress = new NixProgress(DateTimeOffset.UnixEpoch);
        foreach (var line in lines)
        {
            progress.Observe(NixLogParser.Parse(line), DateTimeOffset.UnixEpoch);
        }

        var s = progress.Snapshot(DateTimeOffset.UnixEpoch);
        Assert.IsTrue(s.Downloading);
        Assert.AreEqual((62914560, 104857600), (s.BytesFetched, s.ExpectedBytes), "60 of 100 MiB: the stopped download counts, and the realisation's total");
    }

    [TestMethod]
    public void Before_anything_is_built_the_status_says_Nix_evaluates()
    {
        var (reporter, log, clock) = Reporter();
        clock.Advance(TimeSpan.FromSeconds(11));
        reporter.Tick();
        CollectionAssert.AreEqual(new[] { "CrossSdk: Nix at 11 s: evaluating the packages" }, log.Messages.ToList());
    }

    [TestMethod]
    public void The_summary_counts_built_and_failed_derivations_and_nothing_follows_it()
    {
        var (reporter, log, clock) = Reporter(new TargetPlan(Arm64, Strategy.Emulated, "test"));
        Feed(reporter, Opening);
        Feed(reporter, BuildStart(4, Emulated), Progress(2, 1, 2, 0, 1), Stop(4), Stop(2));
        clock.Advance(TimeSpan.FromSeconds(75));
        reporter.Finish();
        clock.Advance(TimeSpan.FromSeconds(30));
        reporter.Tick();

        Assert.AreEqual("CrossSdk: Nix built 1 derivation (1 failed) and fetched 0 paths in 1 min 15 s", log.Messages.Last());
        Assert.AreEqual(2, log.Messages.Count);
    }

    [TestMethod]
    public void A_failed_build_still_reports_its_log_tail_with_progress_reporting_on()
    {
        var (reporter, _, _) = Reporter(new TargetPlan(Arm64, Strategy.Emulated, "test"));
        var processor = new NixLogProcessor(new RecordingLog(), reporter);
        processor.Feed(BuildStart(4, Emulated));
        processor.Feed(LogLine(4, "greet.c:3:1: error: expected ';' before '}' token"));
        processor.Feed($$"""@nix {"action":"msg","level":0,"msg":"error: builder for '{{Emulated}}' failed with exit code 2"}""");

        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/obj/cross/crosssdk.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixBuildFailed, ex.Code);
        StringAssert.Contains(ex.Message, "greet.c:3:1: error: expected ';'");
    }

    [TestMethod]
    public void Durations_read_as_seconds_minutes_and_hours()
    {
        Assert.AreEqual("9 s", NixProgressReporter.Duration(TimeSpan.FromSeconds(9.7)));
        Assert.AreEqual("4 min 05 s", NixProgressReporter.Duration(TimeSpan.FromSeconds(245)));
        Assert.AreEqual("1 h 02 min", NixProgressReporter.Duration(TimeSpan.FromMinutes(62)));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => now += by;

        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Records each message with its importance, "[High] text".</summary>
    private sealed class ImportanceLog(RecordingLog inner) : ICrossLog
    {
        public void LogMessage(LogImportance importance, string text) => inner.LogMessage(importance, $"[{importance}] {text}");

        public void LogWarning(string code, string text, string? file = null, int line = 0, int column = 0) => inner.LogWarning(code, text, file, line, column);

        public void LogError(string code, string text, string? file = null, int line = 0, int column = 0) => inner.LogError(code, text, file, line, column);
    }
}
