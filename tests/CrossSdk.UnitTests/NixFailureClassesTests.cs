using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// Each class of Nix failure gets its own code, from the texts Nix prints. Files under
/// NixTexts/2.8/ are the stderr of the real Nix 2.8.0 here, each failure provoked as its name says
/// (e.g. NIX_CONFIG 'build-users-group = nosuchgroup'; NIX_REMOTE=daemon with
/// NIX_DAEMON_SOCKET_PATH at no socket; sandbox = true with builder /bin/bash; a 300 KiB tmpfs
/// store). Texts of later versions are quoted from their source (see NixSetupFailure).
/// </summary>
[TestClass]
public sealed class NixFailureClassesTests
{
    private const string Generated = "/obj/cross/crosssdk.nix";

    private static CrossException ClassifyRecorded(
        string name,
        int exitCode = 1,
        IReadOnlyList<string>? emulated = null,
        IReadOnlyList<string>? extraOptions = null,
        IReadOnlyCollection<string>? packageFiles = null,
        bool evaluating = false) =>
        ClassifyLines(File.ReadAllLines(Path.Combine(Repo.Root, "tests", "CrossSdk.UnitTests", "NixTexts", "2.8", name + ".stderr")), exitCode, emulated, extraOptions, packageFiles, evaluating);

    // As NixBuildService does: the processor and the stderr watch see every line.
    private static CrossException ClassifyLines(
        IEnumerable<string> lines,
        int exitCode = 1,
        IReadOnlyList<string>? emulated = null,
        IReadOnlyList<string>? extraOptions = null,
        IReadOnlyCollection<string>? packageFiles = null,
        bool evaluating = false)
    {
        var processor = new NixLogProcessor(new RecordingLog());
        var watch = new NixStderrWatch();
        var feed = watch.Around(processor.Feed);
        foreach (var line in lines)
        {
            feed(line);
        }

        return NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, Generated, exitCode)
        {
            EmulatedSystems = emulated ?? [],
            Stderr = watch,
            ExtraOptions = extraOptions ?? [],
            PackageFiles = packageFiles ?? [],
            Evaluating = evaluating,
        });
    }

    private static string Error(string text) =>
        "@nix " + System.Text.Json.JsonSerializer.Serialize(new { action = "msg", level = 0, msg = "\u001b[31;1merror:\u001b[0m " + text });

    // Nix's wire format of an Error, as 2.8 writes it into the build log (see BuildLogText).
    private static string WireError(string message)
    {
        static string Str(string s) => Num((ulong)s.Length) + s + new string('\0', (8 - (s.Length % 8)) % 8);
        static string Num(ulong n) => new(Enumerable.Range(0, 8).Select(i => (char)((n >> (8 * i)) & 0xFF)).ToArray());
        return Str("Error") + Num(0) + Str("Error") + Str(message) + Num(0) + Num(0);
    }

    private static void IsNotBlamedOnThePackage(CrossException ex)
    {
        Assert.IsFalse(ex.Message.Contains("Fix the Nix file", StringComparison.Ordinal), ex.Message);
        Assert.IsNull(ex.File, "a set-up error points at no file");
        Assert.IsFalse(ex.Message.Any(c => c < ' ' && c != '\n' && c != '\t'), "no control bytes in the message");
    }

    // One row per recorded 2.8 failure (NixTexts/2.8/NAME.stderr) whose class is all the test
    // checks: its own code, the words that name the cause and the fix, no blame on the package
    // and no control bytes. Failures that need more than that have tests of their own below.
    [TestMethod]
    [DataRow("build-users-group-missing", DiagnosticCodes.NixBuildUsersMissing, new[] { "the group 'nosuchgroup' specified in 'build-users-group' does not exist", "groupadd -r nixbld", "NixOS", "container" })]
    [DataRow("sandbox-builder-outside-store", DiagnosticCodes.SandboxCannotRunBuilder, new[] { "executing '/bin/bash': No such file or directory", "rec-bash", "extra-sandbox-paths", "'sandbox'", "outside /nix/store" })]
    [DataRow("store-not-writable", DiagnosticCodes.NixStoreNotWritable, new[] { "NIX_REMOTE=daemon" })]
    [DataRow("store-root-permission-denied", DiagnosticCodes.NixStoreNotWritable, new[] { "NIX_REMOTE=daemon" })]
    [DataRow("substituter-unreachable", DiagnosticCodes.NixNetworkFailed, new[] { "substituters" })]
    [DataRow("download-unreachable", DiagnosticCodes.NixNetworkFailed, new[] { "substituters" })]
    public void A_recorded_set_up_failure_gets_its_own_code_names_the_cause_and_the_fix_and_blames_no_package(string recording, string code, string[] phrases)
    {
        var ex = ClassifyRecorded(recording);

        Assert.AreEqual(code, ex.Code, ex.Message);
        foreach (var phrase in phrases)
        {
            StringAssert.Contains(ex.Message, phrase);
        }

        IsNotBlamedOnThePackage(ex);
    }

    // src/libstore/unix/user-lock.cc, SimpleUserLock::acquire.
    [TestMethod]
    [DataRow("the build users group 'nixbld' has no members")]
    [DataRow("the user 'nixbld1' in the group 'nixbld' does not exist")]
    public void A_build_users_group_without_members_is_CROSS0050_in_the_words_of_later_versions(string message) =>
        Assert.AreEqual(DiagnosticCodes.NixBuildUsersMissing, ClassifyLines([Error(message)]).Code);

    [TestMethod]
    public void The_build_group_warning_Nix_2_8_prints_at_error_level_does_not_hide_an_evaluation_error()
    {
        var ex = ClassifyRecorded("throw-with-build-group-warning", packageFiles: ["/tmp/nixrec/pkgs/greet.nix"], evaluating: true);

        Assert.AreEqual(DiagnosticCodes.NixEvaluationFailed, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "greet needs a newer zlib");
    }

    [TestMethod]
    public void The_same_missing_builder_in_an_emulated_build_with_a_store_builder_is_the_emulator_CROSS0015()
    {
        // A handler without the F flag: the builder exists in the store, the kernel cannot find
        // the emulator inside the sandbox (docs/nix-versions.md#exit-codes-and-messages). Same words from Nix, another cause.
        const string Start = """@nix {"action":"start","fields":["/nix/store/q5x5qp7crhkkcaz20fyvfd8xnb03fggc-greet-1.0.drv","",1,1],"id":7,"level":3,"text":"building","type":105}""";
        var log = "@nix " + System.Text.Json.JsonSerializer.Serialize(new
        {
            action = "result",
            fields = new[] { WireError("executing '/nix/store/0c1q3x1jj0b2r8zhb4dq3x5x3pvli4p7-busybox-static-aarch64/bin/sh': No such file or directory") },
            id = 7,
            type = 101,
        });

        var ex = ClassifyLines([Start, log, Error("builder for '/nix/store/q5x5qp7crhkkcaz20fyvfd8xnb03fggc-greet-1.0.drv' failed with exit code 1")], emulated: ["aarch64-linux"]);

        Assert.AreEqual(DiagnosticCodes.NoEmulator, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "aarch64-linux");
    }

    [TestMethod]
    public void A_missing_builder_in_the_words_of_Lix_is_CROSS0051()
    {
        // lix/libstore/build/launch-builder.cc: throw SysError("running %s", req.builder).
        const string Start = """@nix {"action":"start","fields":["/nix/store/q5x5qp7crhkkcaz20fyvfd8xnb03fggc-rec-bash.drv","",1,1],"id":7,"level":3,"text":"building","type":105}""";
        const string Log = """@nix {"action":"result","fields":["running /bin/bash: No such file or directory"],"id":7,"type":101}""";
        var ex = ClassifyLines([Start, Log, Error("Cannot build '/nix/store/q5x5qp7crhkkcaz20fyvfd8xnb03fggc-rec-bash.drv'.\n       Reason: builder failed with exit code 1.")]);

        Assert.AreEqual(DiagnosticCodes.SandboxCannotRunBuilder, ex.Code, ex.Message);
        Assert.AreEqual(DiagnosticCodes.SandboxCannotRunBuilder, ClassifyLines([Error("executing \"/bin/bash\": No such file or directory")]).Code, "a path in double quotes");
    }

    [TestMethod]
    public void An_unreachable_daemon_is_CROSS0052_naming_NIX_REMOTE_and_the_socket()
    {
        var missing = ClassifyRecorded("daemon-socket-missing");
        var refused = ClassifyRecorded("daemon-connection-refused");

        Assert.AreEqual(DiagnosticCodes.NixDaemonUnreachable, missing.Code, missing.Message);
        StringAssert.Contains(missing.Message, "cannot connect to socket at '/tmp/nixrec/nosuch/socket': No such file or directory");
        StringAssert.Contains(missing.Message, "NIX_REMOTE");
        StringAssert.Contains(missing.Message, "NIX_DAEMON_SOCKET_PATH");
        StringAssert.Contains(missing.Message, "systemctl enable --now nix-daemon");
        IsNotBlamedOnThePackage(missing);
        Assert.AreEqual(DiagnosticCodes.NixDaemonUnreachable, refused.Code, refused.Message);
        StringAssert.Contains(refused.Message, "no daemon listens");
    }

    [TestMethod]
    public void A_daemon_that_turns_the_user_away_is_CROSS0052_and_one_that_crashed_is_CROSS0058()
    {
        // src/libstore/remote-store.cc, RemoteStore::initConnection.
        var away = ClassifyLines([Error("cannot open connection to remote store 'daemon': error: reading from file: Connection reset by peer")]);
        var crashed = ClassifyLines([Error("cannot open connection to remote store 'daemon': Nix daemon disconnected unexpectedly (maybe it crashed?)")]);

        Assert.AreEqual(DiagnosticCodes.NixDaemonUnreachable, away.Code);
        StringAssert.Contains(away.Message, "allowed-users");
        Assert.AreEqual(DiagnosticCodes.NixCrashed, crashed.Code);
    }

    [TestMethod]
    public void A_full_disk_is_CROSS0054_in_the_words_of_every_version()
    {
        var seen = ClassifyRecorded("disk-full");
        var later = ClassifyLines([Error("Cannot build '/nix/store/q5x5qp7crhkkcaz20fyvfd8xnb03fggc-rec-bash.drv'.\n       Reason: builder failed with exit code 1.\n       note: build failure may have been caused by lack of free disk space")]);

        Assert.AreEqual(DiagnosticCodes.NixDiskFull, seen.Code, seen.Message);
        StringAssert.Contains(seen.Message, "No space left on device");
        StringAssert.Contains(seen.Message, "nix-collect-garbage");
        Assert.AreEqual(DiagnosticCodes.NixDiskFull, later.Code, later.Message);
    }

    [TestMethod]
    public void A_cache_that_answers_garbage_is_CROSS0077_naming_the_cache_Nix_does_not_name()
    {
        // Seen with 2.8 (a server answering every URL with a web page), verbatim.
        const string Seen = """@nix {"action":"msg","column":null,"file":null,"level":0,"line":null,"msg":"\u001b[31;1merror:\u001b[0m NAR info file '\u001b[35;1mf5vr041dr1b207h9rc3zqy11pkk9i4gr.narinfo\u001b[0m' is corrupt","raw_msg":"NAR info file '\u001b[35;1mf5vr041dr1b207h9rc3zqy11pkk9i4gr.narinfo\u001b[0m' is corrupt"}""";
        var classified = ClassifyLines([Seen]);

        Assert.AreEqual(DiagnosticCodes.BinaryCacheCorrupt, classified.Code, classified.Message);
        StringAssert.Contains(classified.Message, "NAR info file 'f5vr041dr1b207h9rc3zqy11pkk9i4gr.narinfo' is corrupt");
        Assert.AreEqual(DiagnosticCodes.BinaryCacheCorrupt, ClassifyLines([Error("bad archive: input doesn't look like a Nix archive")]).Code);

        var one = NixSetupErrors.CacheCorrupt(classified.Detail!, ["http://127.0.0.1:8080"]);
        StringAssert.Contains(one.Message, "The binary cache is http://127.0.0.1:8080");
        var two = NixSetupErrors.CacheCorrupt(classified.Detail!, ["file:///srv/team", "https://cache.nixos.org"]);
        StringAssert.Contains(two.Message, "this build asks file:///srv/team, https://cache.nixos.org");
    }

    [TestMethod]
    public void An_experimental_feature_that_is_off_is_CROSS0055_naming_the_feature_and_the_setting()
    {
        var seen = ClassifyRecorded("experimental-feature-off");
        // src/libutil/experimental-features.cc (2.1x+): MissingExperimentalFeature.
        var later = ClassifyLines([Error("experimental Nix feature 'ca-derivations' is disabled; add '--extra-experimental-features ca-derivations' to enable it")]);

        Assert.AreEqual(DiagnosticCodes.NixExperimentalFeatureOff, seen.Code, seen.Message);
        StringAssert.Contains(seen.Message, "'nix-command'");
        StringAssert.Contains(seen.Message, "experimental-features");
        Assert.AreEqual(DiagnosticCodes.NixExperimentalFeatureOff, later.Code);
        StringAssert.Contains(later.Message, "extra-experimental-features = ca-derivations");
    }

    [TestMethod]
    public void A_setting_Nix_rejects_in_its_configuration_is_CROSS0056_and_in_CrossNixOptions_CROSS0016()
    {
        var invalid = ClassifyRecorded("setting-invalid-value");
        var illegal = ClassifyRecorded("setting-illegal-line");
        var ours = ClassifyRecorded("setting-invalid-value", extraOptions: ["--option", "sandbox", "maybe"]);

        Assert.AreEqual(DiagnosticCodes.NixConfigurationRejected, invalid.Code, invalid.Message);
        StringAssert.Contains(invalid.Message, "option 'sandbox' has invalid value 'maybe'");
        StringAssert.Contains(invalid.Message, "NIX_CONFIG");
        Assert.AreEqual(DiagnosticCodes.NixConfigurationRejected, illegal.Code, illegal.Message);
        Assert.AreEqual(DiagnosticCodes.NixRejectedOptions, ours.Code, ours.Message);
    }

    [TestMethod]
    public void Nix_crashing_is_CROSS0058_whether_it_says_so_or_only_dies_of_a_signal()
    {
        // libmain's terminate handler (2.24+) prints outside the JSON log.
        var said = ClassifyLines(["Nix crashed. This is a bug. Please report this at https://github.com/NixOS/nix/issues with the following information included:"], exitCode: 134);
        var assertion = ClassifyLines(["nix: src/libstore/build/worker.cc:472: void nix::Worker::run(const Goals&): Assertion `!awake.empty()' failed."], exitCode: 134);
        var silent = ClassifyLines([], exitCode: 139);

        Assert.AreEqual(DiagnosticCodes.NixCrashed, said.Code);
        Assert.AreEqual(DiagnosticCodes.NixCrashed, assertion.Code);
        Assert.AreEqual(DiagnosticCodes.NixCrashed, silent.Code);
        StringAssert.Contains(silent.Message, "SIGSEGV");
    }

    [TestMethod]
    public void An_unknown_message_is_CROSS0059_quoting_Nix_without_guessing()
    {
        var ex = ClassifyLines([Error("the flux capacitor is not charged")]);

        Assert.AreEqual(DiagnosticCodes.NixFailedUnrecognised, ex.Code);
        StringAssert.Contains(ex.Message, "\"the flux capacitor is not charged\"");
        IsNotBlamedOnThePackage(ex);
    }

    [TestMethod]
    public void A_throw_is_CROSS0007_at_the_package_file_from_the_trace()
    {
        var ex = ClassifyRecorded("throw-show-trace", packageFiles: ["/tmp/nixrec/pkgs/greet.nix"], evaluating: true);

        Assert.AreEqual(DiagnosticCodes.NixEvaluationFailed, ex.Code, ex.Message);
        Assert.AreEqual("/tmp/nixrec/pkgs/greet.nix", ex.File);
        Assert.AreEqual(1, ex.Line);
        StringAssert.Contains(ex.Message, "greet needs a newer zlib");
        StringAssert.Contains(ex.Message, "/tmp/nixrec/pkgs/greet.nix");
    }

    [TestMethod]
    public void A_throw_without_a_trace_names_the_package_files_it_came_from()
    {
        var ex = ClassifyRecorded("throw-no-trace", packageFiles: ["/src/native/greet.nix"], evaluating: true);

        Assert.AreEqual(DiagnosticCodes.NixEvaluationFailed, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "/src/native/greet.nix");
        Assert.IsFalse(ex.Message.Contains("at the location shown", StringComparison.Ordinal), ex.Message);
    }

    [TestMethod]
    public void Evaluation_passes_show_trace_so_that_a_throw_has_a_location()
    {
        CollectionAssert.Contains(NixCommandLine.Evaluate("/obj/x.nix", [], []).ToList(), "--show-trace");
    }

    [TestMethod]
    public void A_stale_flake_lock_is_CROSS0036_not_a_missing_nixpkgs()
    {
        var ex = ClassifyLines(["""@nix {"action":"msg","level":0,"msg":"error: NAR hash mismatch in input 'path:/src/nixpkgs?lastModified=1&narHash=sha256-AAAA', expected 'sha256-AAAA' but got 'sha256-BBBB'"}"""], evaluating: true);

        Assert.AreEqual(DiagnosticCodes.FlakeLockStale, ex.Code, ex.Message);
        StringAssert.Contains(ex.Message, "nix flake lock --update-input nixpkgs");
    }

    [TestMethod]
    public void A_nixpkgs_without_pkgsMusl_is_blamed_on_the_nixpkgs_and_names_the_RID_not_the_CrossPackage_items()
    {
        // Recorded: Nix 2.8 evaluating a generated file whose emulated musl target reaches the
        // offline set's missing pkgsMusl (the guard's throw).
        var ex = ClassifyRecorded("no-pkgsmusl", evaluating: true);

        Assert.AreEqual(DiagnosticCodes.NixpkgsLacksTargetAttribute, ex.Code);
        StringAssert.Contains(ex.Message, "has no pkgsMusl, which linux-musl-arm64 needs");
        StringAssert.Contains(ex.Message, "CrossStrategy=cross");
        Assert.DoesNotContain("CrossPackage items: check their names", ex.Message);
        IsNotBlamedOnThePackage(ex);
    }

    [TestMethod]
    public void A_nixpkgs_without_a_pkgsCross_example_is_blamed_on_the_nixpkgs_and_says_how_to_build_without_it()
    {
        var ex = ClassifyLines([Error("this nixpkgs has no pkgsCross.aarch64-multiplatform-musl")], evaluating: true);

        Assert.AreEqual(DiagnosticCodes.NixpkgsLacksTargetAttribute, ex.Code);
        StringAssert.Contains(ex.Message, "has no pkgsCross.aarch64-multiplatform-musl.");
        StringAssert.Contains(ex.Message, "GNU triple");
        IsNotBlamedOnThePackage(ex);
    }
}
