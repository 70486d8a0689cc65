using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class BuildLogTextTests
{
    private const string BuildStart = """@nix {"action":"start","fields":["/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-1.0.0.drv","",1,1],"id":7,"level":3,"text":"building","type":105}""";
    private const string BuilderFailed = """@nix {"action":"msg","level":0,"msg":"error: builder for '/nix/store/nlmqcb8vnxwr6c7ramdglwzphn738nli-greet-1.0.0.drv' failed with exit code 2"}""";

    [TestMethod]
    public void Nix_2_8s_serialised_error_in_a_build_log_becomes_its_message()
    {
        // The log line Nix 2.8 printed here when the sandbox had no /bin/bash (NixTexts/2.8).
        const string Raw = "\u0005\0\0\0\0\0\0\0Error\0\0\0\0\0\0\0\0\0\0\0\u0005\0\0\0\0\0\0\0Error\0\0\0F\0\0\0\0\0\0\0executing '\u001b[35;1m/bin/bash\u001b[0m': \u001b[35;1mNo such file or directory\u001b[0m\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

        Assert.AreEqual("executing '/bin/bash': No such file or directory", BuildLogText.Clean(Raw));
    }

    [TestMethod]
    public void Control_bytes_and_escapes_go_and_text_and_tabs_stay()
    {
        Assert.AreEqual("a\tb c d", BuildLogText.Clean("a\tb\0\0c\u0007\u001b[1;31md\u001b[0m"));
        Assert.AreEqual("50% 100%", BuildLogText.Clean("50%\r100%\r"));
        Assert.AreEqual("title gone", BuildLogText.Clean("\u001b]0;window\u0007title gone"));
        Assert.AreEqual("", BuildLogText.Clean("\u0001"));
        Assert.AreEqual("grüße", BuildLogText.Clean("grüße\u0085"));
    }

    [TestMethod]
    public void A_failed_builds_tail_in_CROSS0008_carries_no_raw_bytes()
    {
        var log = new RecordingLog();
        var processor = new NixLogProcessor(log);
        processor.Feed(BuildStart);
        processor.Feed("""@nix {"action":"result","fields":["greet.c:3: error: \u0000\u0000expected ';'\u001b[0m\u0007"],"id":7,"type":101}""");
        processor.Feed("""@nix {"action":"result","fields":["\u0001"],"id":7,"type":101}""");
        processor.Feed(BuilderFailed);

        var ex = NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/obj/cross/crosssdk.nix", 1));

        Assert.AreEqual(DiagnosticCodes.NixBuildFailed, ex.Code);
        StringAssert.Contains(ex.Message, "greet.c:3: error: expected ';'");
        Assert.IsFalse(ex.Message.Any(c => c < ' ' && c is not '\n' and not '\r' and not '\t'), ex.Message);
        Assert.IsFalse(log.Messages.Any(m => m.Any(c => c < ' ' && c != '\t')), "the streamed build log is text too");
    }

    [TestMethod]
    public void A_CrossNixExecutable_that_does_not_exist_is_said_to_not_exist()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() =>
            new ToolRunner("/nonexistent/bin/nix").RunAsync(["--version"], null, CancellationToken.None).GetAwaiter().GetResult());

        Assert.AreEqual(DiagnosticCodes.NixNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "CrossNixExecutable is '/nonexistent/bin/nix', which does not exist");
        Assert.IsFalse(ex.Message.Contains("set CrossNixExecutable to its full path", StringComparison.Ordinal), ex.Message);
    }

    [TestMethod]
    public void A_nix_missing_from_PATH_still_gets_the_install_advice()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() =>
            new ToolRunner("crosssdk-no-such-nix").RunAsync(["--version"], null, CancellationToken.None).GetAwaiter().GetResult());

        StringAssert.Contains(ex.Message, "apt install nix-bin");
        StringAssert.Contains(ex.Message, "set CrossNixExecutable to its full path");
    }
}
