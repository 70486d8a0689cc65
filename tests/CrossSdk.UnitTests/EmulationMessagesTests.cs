using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class EmulationMessagesTests
{
    private static CrossException Classify(string message, IReadOnlyList<string>? emulated = null, string? logLine = null)
    {
        var processor = new NixLogProcessor(new RecordingLog());
        if (logLine is not null)
        {
            processor.Feed("""@nix {"action":"start","fields":["/nix/store/00000000000000000000000000000000-greet-1.0.0.drv","",1,1],"id":1,"level":3,"text":"building","type":105}""");
            processor.Feed($$"""@nix {"action":"result","fields":[{{System.Text.Json.JsonSerializer.Serialize(logLine)}}],"id":1,"type":101}""");
        }

        processor.Feed($$"""@nix {"action":"msg","level":0,"msg":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""");
        return NixFailure.Classify(new FailedNixCall(processor.Errors, processor.BuildLogTails, "/x.nix", 1) { EmulatedSystems = emulated ?? [] });
    }

    [TestMethod]
    [DataRow("error: a 'aarch64-linux' with features {} is required to build '/nix/store/00000000000000000000000000000000-greet-1.0.0.drv', but I am a 'x86_64-linux' with features {benchmark, big-parallel, kvm, nixos-test}")]
    [DataRow("error: Cannot build '/nix/store/00000000000000000000000000000000-greet-1.0.0.drv'.\n       Reason: required system or feature not available\n       Required system: 'aarch64-linux' with features {}\n       Current system: 'x86_64-linux' with features {benchmark, big-parallel, kvm, nixos-test}")]
    [DataRow("error: Cannot build '/nix/store/00000000000000000000000000000000-greet-1.0.0.drv'.\n       Reason: platform mismatch\n       Required system: 'aarch64-linux' with features {}\n       Current system: 'x86_64-linux'")]
    public void Nix_refusing_the_system_is_CROSS0014_in_the_words_of_every_version(string message)
    {
        var ex = Classify("\u001b[31;1m" + message + "\u001b[0m");
        Assert.AreEqual(DiagnosticCodes.NixRefusesSystem, ex.Code);
        StringAssert.Contains(ex.Message, "Nix will not build aarch64-linux");
        StringAssert.Contains(ex.Message, "extra-platforms = aarch64-linux");
        StringAssert.Contains(ex.Message, "boot.binfmt.emulatedSystems");
    }

    [TestMethod]
    public void Platform_mismatch_without_a_system_name_uses_the_emulated_target() =>
        StringAssert.Contains(Classify("error: Cannot build 'x.drv'.\n Reason: platform mismatch", ["riscv64-linux"]).Message, "riscv64-linux");

    [TestMethod]
    public void An_exec_format_error_in_the_build_log_is_CROSS0015()
    {
        var ex = Classify(
            "error: builder for '/nix/store/00000000000000000000000000000000-greet-1.0.0.drv' failed with exit code 1",
            ["aarch64-linux"],
            logLine: "error: executing '/nix/store/x-busybox/busybox': Exec format error");
        Assert.AreEqual(DiagnosticCodes.NoEmulator, ex.Code);
        StringAssert.Contains(ex.Message, "aarch64-linux");
        StringAssert.Contains(ex.Message, "Exec format error");
        StringAssert.Contains(ex.Message, "qemu-user-static binfmt-support");
    }

    [TestMethod]
    [DataRow(new[] { "this derivation will be built:", "  /nix/store/a-x.drv" }, 1, 0)]
    [DataRow(new[] { "these 3 derivations will be built:", "  /nix/store/a.drv", "  /nix/store/b.drv", "  /nix/store/c.drv", "these 2 paths will be fetched (0.10 MiB download, 0.50 MiB unpacked):", "  /nix/store/d", "  /nix/store/e" }, 3, 2)]
    [DataRow(new[] { "this path will be fetched (0.01 MiB download, 0.02 MiB unpacked):\n  /nix/store/d" }, 0, 1)]
    [DataRow(new string[0], 0, 0)]
    public void Reads_a_dry_run(string[] messages, int built, int fetched) =>
        Assert.AreEqual(new CrossSdk.Planning.CostEstimate(built, fetched), DryRun.Parse(messages));
}
