using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// MSBuild's own up-to-date check of CrossBuild (obj/cross/settings.txt, up-to-date.txt and its
/// stamp): a no-op build does not run the task at all, and every kind of change still does.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class NoOpEndToEndTests
{
    private static bool Skipped(ProcessOutput build) =>
        build.All.Contains("Skipping target \"CrossBuild\" because all output files are up-to-date", StringComparison.Ordinal);

    private static bool Ran(ProcessOutput build, string task) =>
        build.All.Contains($"Task \"{task}\"", StringComparison.Ordinal);

    [TestMethod]
    public async Task MSBuild_skips_CrossBuild_without_its_task_until_a_file_comes_a_shipped_file_goes_or_a_setting_changes()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={sample.RecordingNix}", "-v:d"];
        var library = Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so");
        var first = await sample.DotNetAsync(args);
        Assert.AreEqual(0, first.ExitCode, first.All);
        Assert.IsTrue(Ran(first, "CrossBuildPackages"));
        var calls = sample.NixCalls;

        Directory.Delete(Path.Combine(sample.Library, "bin"), recursive: true);
        var noOp = await sample.DotNetAsync(args);
        Assert.AreEqual(0, noOp.ExitCode, noOp.All);
        Assert.IsTrue(Skipped(noOp), "nothing changed: MSBuild skips CrossBuild\n" + noOp.All);
        Assert.IsFalse(Ran(noOp, "CrossBuildPackages") || Ran(noOp, "CrossReadManifest"), "the files come from manifest.items, without the task");
        await ElfAssert.IsForAsync(library, "aarch64-linux", "AArch64");
        var untouched = await sample.DotNetAsync(args);
        Assert.AreEqual(0, untouched.ExitCode, untouched.All);
        Assert.IsFalse(Ran(untouched, "CrossBuildPackages") || Ran(untouched, "CrossReadManifest") || Ran(untouched, "CrossAddNativeFilesToDepsFile"), "with bin/ in place too, a no-op loads no CrossSdk task");
        Assert.AreEqual(calls, sample.NixCalls);

        // A file that comes with an old timestamp (copied with cp -p, unpacked from a tarball).
        var header = Path.Combine(sample.Library, "native", "extra.h");
        File.WriteAllText(header, "#define EXTRA 1\n");
        File.SetLastWriteTimeUtc(header, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var added = await sample.DotNetAsync(args);
        Assert.AreEqual(0, added.ExitCode, added.All);
        Assert.IsFalse(Skipped(added), "a new file in the package folder is an input");
        Assert.IsTrue(sample.NixCalls > calls, "the key changed, so Nix builds again");
        calls = sample.NixCalls;

        File.Delete(Path.Combine(sample.Library, "obj", "cross", "out", "linux-arm64", "libgreet.so"));
        var deleted = await sample.DotNetAsync(args);
        Assert.AreEqual(0, deleted.ExitCode, deleted.All);
        Assert.IsFalse(Skipped(deleted), "a shipped file that is gone must come back");
        Assert.IsTrue(File.Exists(Path.Combine(sample.Library, "obj", "cross", "out", "linux-arm64", "libgreet.so")));

        var setting = await sample.DotNetAsync([.. args, "-p:CrossGlibcFloor=2.17"]);
        Assert.AreEqual(0, setting.ExitCode, setting.All);
        Assert.IsFalse(Skipped(setting), "a changed setting is an input");

        var again = await sample.DotNetAsync([.. args, "-p:CrossGlibcFloor=2.17"]);
        Assert.AreEqual(0, again.ExitCode, again.All);
        Assert.IsTrue(Skipped(again), "and then nothing changed again");
    }

    [TestMethod]
    public async Task Nixpkgs_from_a_channel_leaves_the_check_to_the_task_which_starts_no_nix()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        // <nixpkgs> resolved on NIX_PATH: a channel can switch to another store path with no file changing.
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossNixpkgs=", $"-p:CrossNixExecutable={sample.RecordingNix}", "-v:d"];
        var environment = new Dictionary<string, string?> { ["NIX_PATH"] = $"nixpkgs={Repo.OfflineNixpkgs}" };
        var first = await DotNet.RunAsync(sample.Root, environment, args);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var calls = sample.NixCalls;

        var second = await DotNet.RunAsync(sample.Root, environment, args);

        Assert.AreEqual(0, second.ExitCode, second.All);
        Assert.IsFalse(Skipped(second), "MSBuild cannot prove a channel unchanged");
        StringAssert.Contains(second.All, "are up to date");
        Assert.AreEqual(calls, sample.NixCalls, "the task's key check starts no nix process");
    }

    [TestMethod]
    public async Task CrossUpToDateMaxFiles_below_the_inputs_leaves_the_check_to_the_task_and_changes_no_output()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={sample.RecordingNix}", "-v:d"];
        var first = await sample.DotNetAsync([.. args, "-p:CrossUpToDateMaxFiles=1"]);
        Assert.AreEqual(0, first.ExitCode, first.All);
        StringAssert.Contains(first.All, "more than 1 files and folders");
        var calls = sample.NixCalls;

        var second = await sample.DotNetAsync([.. args, "-p:CrossUpToDateMaxFiles=1"]);
        Assert.AreEqual(0, second.ExitCode, second.All);
        Assert.IsFalse(Skipped(second), "no proof was written: MSBuild runs the task");
        StringAssert.Contains(second.All, "are up to date");

        // Back to the default: the task runs once (settings.txt changed) and writes the proof.
        var raised = await sample.DotNetAsync(args);
        Assert.AreEqual(0, raised.ExitCode, raised.All);
        StringAssert.Contains(raised.All, "are up to date");
        Assert.AreEqual(calls, sample.NixCalls, "the limit changes no output: the key is the same, so no nix");
        var noOp = await sample.DotNetAsync(args);
        Assert.IsTrue(Skipped(noOp), "with the proof written, MSBuild skips CrossBuild\n" + noOp.All);

        var invalid = await sample.DotNetAsync([.. args, "-p:CrossUpToDateMaxFiles=many"]);
        FailureAssert.AssertFailsWith(invalid, "CROSS0130", "CrossUpToDateMaxFiles 'many' is not a whole number of 0 or more (the default is 5000)");
    }

    [TestMethod]
    public async Task Edits_that_timestamps_alone_would_miss_still_rebuild_and_clean_forgets_the_stamp()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var source = Path.Combine(sample.Library, "native", "greet.c");
        var original = File.ReadAllText(source);
        // A nix that, as its build starts, saves an edit to the source: as a person does while Nix works.
        var editingNix = Path.Combine(sample.Folder, "tools", "editing-nix");
        File.WriteAllText(editingNix, $$"""
            #!/bin/sh
            case " $* " in *" build "*) [ -e '{{source}}.edited' ] || { sed -i 's/Hello, %s/Howdy, %s/' '{{source}}'; touch '{{source}}.edited'; } ;; esac
            exec '{{sample.RecordingNix}}' "$@"
            """);
        File.SetUnixFileMode(editingNix, (UnixFileMode)0b111_101_101);
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={editingNix}", "-v:d"];
        var library = Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so");

        var first = await sample.DotNetAsync(args);
        Assert.AreEqual(0, first.ExitCode, first.All);
        Assert.IsTrue(File.ReadAllText(source).Contains("Howdy", StringComparison.Ordinal), "the source was edited during the build");
        var afterEdit = await sample.DotNetAsync(args);
        Assert.AreEqual(0, afterEdit.ExitCode, afterEdit.All);
        Assert.IsFalse(Skipped(afterEdit), "an edit saved while Nix built is newer than what the key read");
        StringAssert.Contains(File.ReadAllText(library, System.Text.Encoding.Latin1), "Howdy, %s");

        // The old source copied back over it with its old time (cp -p, tar x): older than the stamp.
        File.WriteAllText(source, original);
        File.SetLastWriteTimeUtc(source, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var olderCopy = await sample.DotNetAsync(args);
        Assert.AreEqual(0, olderCopy.ExitCode, olderCopy.All);
        Assert.IsFalse(Skipped(olderCopy), "a file whose time went back has changed too");
        StringAssert.Contains(File.ReadAllText(library, System.Text.Encoding.Latin1), "Hello, %s");

        var calls = sample.NixCalls;
        var clean = await sample.DotNetAsync("clean", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, clean.ExitCode, clean.All);
        var afterClean = await sample.DotNetAsync(args);
        Assert.AreEqual(0, afterClean.ExitCode, afterClean.All);
        Assert.IsTrue(Ran(afterClean, "CrossBuildPackages"), "after clean, the task's key decides");
        Assert.AreEqual(calls, sample.NixCalls, "and with nothing changed it starts no nix");
    }
}
