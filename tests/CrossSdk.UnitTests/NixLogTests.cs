using CrossSdk.Diagnostics;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class NixLogTests
{
    // Lines as Nix 2.8 printed them here (docs/nix-versions.md#the-activity-log), colours included.
    private const string BuildStart = """@nix {"action":"start","fields":["/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-aarch64-unknown-linux-gnu-1.0.0.drv","",1,1],"id":7,"level":3,"text":"building '/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-aarch64-unknown-linux-gnu-1.0.0.drv'","type":105}""";
    private const string BuilderFailed = """@nix {"action":"msg","column":null,"file":null,"level":0,"line":null,"msg":"\u001b[31;1merror:\u001b[0m \u001b[35;1m\u001b[0mbuilder for '\u001b[35;1m/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-aarch64-unknown-linux-gnu-1.0.0.drv\u001b[0m' failed with exit code 2\u001b[0m","raw_msg":"x"}""";
    private const string EvalError = """@nix {"action":"msg","column":31,"file":"/src/native/greet.nix","level":0,"line":3,"msg":"\u001b[31;1merror:\u001b[0m cannot add \u001b[35;1ma string\u001b[0m to an integer\n\n       \u001b[34;1mat \u001b[35;1m/src/native/greet.nix:3:31\u001b[0m:\n\n            2|\n"}""";
    private const string NoNixpkgs = """@nix {"action":"msg","column":15,"file":"/obj/cross/crosssdk.nix","level":0,"line":6,"msg":"\u001b[31;1merror:\u001b[0m file '\u001b[35;1mnixpkgs\u001b[0m' was not found in the Nix search path (add it using $NIX_PATH or -I)\n\n       at /obj/cross/crosssdk.nix:6:15:"}""";

    private static string LogLine(int id, string text) =>
        $$"""@nix {"action":"result","fields":["{{text}}"],"id":{{id}},"type":101}""";

    [TestMethod]
    public void Parses_messages_with_their_location_and_without_colours()
    {
        var e = (NixLogEvent.Message)NixLogParser.Parse(EvalError);
        Assert.AreEqual(0, e.Level);
        Assert.AreEqual("/src/native/greet.nix", e.File);
        Assert.AreEqual(3, e.Line);
        Assert.AreEqual(31, e.Column);
        Assert.IsTrue(e.Text.StartsWith("cannot add a string to an integer", StringComparison.Ordinal), e.Text);
        Assert.AreEqual("cannot add a string to an integer", NixLogParser.Headline(e.Text));
    }

    [TestMethod]
    public void Lines_that_are_not_json_come_back_as_plain_text()
    {
        Assert.AreEqual(new NixLogEvent.Plain("warning: something"), NixLogParser.Parse("\u001b[33mwarning:\u001b[0m something"));
        Assert.IsInstanceOfType<NixLogEvent.Plain>(NixLogParser.Parse("@nix {broken"));
    }

    [TestMethod]
    public void A_failed_builder_is_CROSS0008_with_the_last_lines_of_its_log()
    {
        var log = new RecordingLog();
        var processor = new NixLogProcessor(log);
        processor.Feed(BuildStart);
        for (var i = 0; i < 40; i++)
        {
            processor.Feed(LogLine(7, $"line {i}"));
        }

        processor.Feed(LogLine(7, "greet.c:3:1: error: expected ';' before '}' token"));
        processor.Feed(BuilderFailed);

        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/obj/cross/crosssdk.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixBuildFailed, ex.Code);
        StringAssert.Contains(ex.Message, "greet-aarch64-unknown-linux-gnu-1.0.0");
        StringAssert.Contains(ex.Message, "failed with exit code 2");
        StringAssert.Contains(ex.Message, "greet.c:3:1: error: expected ';'");
        Assert.IsFalse(ex.Message.Contains("line 5\n", StringComparison.Ordinal), "only the tail is kept");
        Assert.IsTrue(log.Messages.Any(m => m.Contains("greet-aarch64-unknown-linux-gnu-1.0.0> line 0", StringComparison.Ordinal)), "build output streams to the log");
    }

    [TestMethod]
    public void A_builder_failure_in_the_newer_wording_is_recognised()
    {
        var processor = new NixLogProcessor(new RecordingLog());
        processor.Feed("""@nix {"action":"msg","level":0,"msg":"error: Cannot build '/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-1.0.drv'.\n       Reason: builder failed with exit code 1."}""");
        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/x.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixBuildFailed, ex.Code);
        StringAssert.Contains(ex.Message, "nix log /nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-1.0.drv");
    }

    [TestMethod]
    public void An_evaluation_error_is_CROSS0007_at_the_file_and_line_of_the_package()
    {
        var processor = new NixLogProcessor(new RecordingLog());
        processor.Feed(EvalError);
        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/obj/cross/crosssdk.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixEvaluationFailed, ex.Code);
        Assert.AreEqual("/src/native/greet.nix", ex.File);
        Assert.AreEqual(3, ex.Line);
        Assert.AreEqual(31, ex.Column);
        StringAssert.Contains(ex.Message, "cannot add a string to an integer");
    }

    [TestMethod]
    public void A_missing_nixpkgs_is_CROSS0003_with_guidance()
    {
        var processor = new NixLogProcessor(new RecordingLog());
        processor.Feed(NoNixpkgs);
        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/obj/cross/crosssdk.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixpkgsNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "CrossNixpkgs");
        StringAssert.Contains(ex.Message, "NIX_PATH");
    }

    [TestMethod]
    public void A_failure_without_any_message_is_still_reported()
    {
        var ex = NixFailure.Classify(new FailedNixCall([], new Dictionary<string, IReadOnlyList<string>>(), "/x.nix", 137));
        Assert.AreEqual(DiagnosticCodes.UnexpectedNixOutput, ex.Code);
        StringAssert.Contains(ex.Message, "137");
    }

    [TestMethod]
    public void Warnings_reach_the_log_at_high_importance()
    {
        var log = new RecordingLog();
        new NixLogProcessor(log).Feed("""@nix {"action":"msg","level":1,"msg":"\u001b[35;1mwarning:\u001b[0m Git tree is dirty"}""");
        CollectionAssert.Contains(log.Messages.ToList(), "nix: warning: Git tree is dirty");
    }

    [TestMethod]
    public void A_rejected_flag_is_CROSS0016_pointing_at_the_options()
    {
        var processor = new NixLogProcessor(new RecordingLog());
        processor.Feed("""@nix {"action":"msg","level":0,"msg":"\u001b[31;1merror:\u001b[0m unrecognised flag '--frobnicate'"}""");
        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/x.nix", 1));
        Assert.AreEqual(DiagnosticCodes.NixRejectedOptions, ex.Code);
        StringAssert.Contains(ex.Message, "--frobnicate");
        StringAssert.Contains(ex.Message, "CrossNixOptions");
    }
}
