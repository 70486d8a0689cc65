using CrossSdk.Pipeline;
using CrossSdk.Diagnostics;
using CrossSdk.MSBuild;
using CrossSdk.Tests.Infrastructure;
using Microsoft.Build.Framework;
using CrossSdk.Settings;
using CrossSdk.Tools;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace CrossSdk.Tests.Integration;

/// <summary>Tasks run in-process against a <see cref="MockEngine"/>: what a user sees when something goes wrong.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class CrossTaskTests
{
    [TestMethod]
    public void Every_CrossSdk_task_runs_through_the_one_base_that_catches_what_it_does_not_expect()
    {
        var tasks = typeof(CrossTask).Assembly.GetTypes().Where(t => typeof(ITask).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.HasCount(11, tasks, string.Join(", ", tasks.Select(t => t.Name)));
        foreach (var task in tasks)
        {
            Assert.IsTrue(task.IsSubclassOf(typeof(CrossTask)), $"{task.Name} does not derive from CrossTask");
        }
    }

    [TestMethod]
    public void A_task_whose_service_throws_an_unexpected_exception_logs_CROSS0044_not_a_stack_trace()
    {
        var engine = new MockEngine();
        var task = new ServiceThrows { BuildEngine = engine, Settings = [Setting("ProjectDirectory", "/src/app"), Setting("IntermediateDirectory", "obj/cross/")] };

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.InternalError, error.Code);
        StringAssert.Contains(error.Message, "System.InvalidOperationException: Sequence contains no elements");
        StringAssert.Contains(error.Message, "bug in CrossSdk");
        StringAssert.Contains(error.Message, "ServiceThrows");
        Assert.IsFalse(error.Message.Contains("   at ", StringComparison.Ordinal), $"no stack trace in the error: {error.Message}");
        Assert.IsFalse(engine.MessagesAtLeast(MessageImportance.Normal).Any(m => m.Contains("   at ", StringComparison.Ordinal)), "no stack trace above low importance");
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.Low && m.Message!.Contains(nameof(ServiceThrows.Throw), StringComparison.Ordinal)), "the stack is kept at low importance, for the bug report");
    }

    [TestMethod]
    public async Task A_write_to_a_full_disk_is_the_disk_full_error_naming_the_path_not_an_internal_error()
    {
        using var dir = new TempDirectory();
        await using var disk = await SmallDisk.MountAsync(Path.Combine(dir.Path, "obj"), "64k");
        var file = Path.Combine(disk.Path, "cross", "out", "libgreet.so.tmp-1");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // The real exception .NET raises on ENOSPC, not one made up.
        var full = Assert.ThrowsExactly<IOException>(() => File.WriteAllBytes(file, new byte[1024 * 1024]));
        var engine = new MockEngine();

        Assert.IsFalse(new Throws(full) { BuildEngine = engine }.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.NixDiskFull, error.Code, error.Message);
        StringAssert.Contains(error.Message, "No space left on the device");
        StringAssert.Contains(error.Message, file);
        StringAssert.Contains(error.Message, $"df -h {Path.GetDirectoryName(file)}");
        Assert.IsFalse(error.Message.Contains("bug in CrossSdk", StringComparison.Ordinal), error.Message);
    }

    [TestMethod]
    public void A_CrossException_is_its_coded_error_at_its_file_and_line()
    {
        var engine = new MockEngine();

        Assert.IsFalse(new Throws(new CrossException(DiagnosticCodes.NixEvaluationFailed, "undefined variable 'x'", "/src/native/greet.nix", 3, 5)) { BuildEngine = engine }.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual((DiagnosticCodes.NixEvaluationFailed, "undefined variable 'x'", "/src/native/greet.nix", 3, 5), (error.Code, error.Message, error.File, error.LineNumber, error.ColumnNumber));
        Assert.AreEqual(DiagnosticCodes.HelpLink(DiagnosticCodes.NixEvaluationFailed), error.HelpLink);
    }

    [TestMethod]
    public void Ctrl_C_is_a_cancellation_message_not_an_error()
    {
        var engine = new MockEngine();
        var task = new CancelsItself { BuildEngine = engine };

        Assert.IsFalse(task.Execute());

        Assert.IsEmpty(engine.Errors);
        StringAssert.Contains(engine.MessagesAtLeast(MessageImportance.High).Single(), "cancelled");
    }

    [TestMethod]
    public void An_OperationCanceledException_nobody_asked_for_is_an_internal_error()
    {
        var engine = new MockEngine();

        Assert.IsFalse(new Throws(new TaskCanceledException("a timeout inside a library")) { BuildEngine = engine }.Execute());

        Assert.AreEqual(DiagnosticCodes.InternalError, engine.Errors.Single().Code);
    }

    [TestMethod]
    public void CrossReadManifest_treats_a_manifest_with_null_files_as_none_with_a_low_importance_message()
    {
        using var dir = new TempDirectory();
        dir.Write("cross/manifest.json", """{ "key": "abc", "files": null }""");
        var engine = new MockEngine();
        var task = new CrossReadManifest { BuildEngine = engine, IntermediateDirectory = Path.Combine(dir.Path, "cross") };

        Assert.IsTrue(task.Execute(), engine.Log);

        Assert.IsEmpty(task.Files);
        Assert.IsEmpty(engine.Errors);
        Assert.IsEmpty(engine.Warnings);
        Assert.IsTrue(engine.Messages.Any(m => m.Importance == MessageImportance.Low && m.Message!.Contains("no files list", StringComparison.Ordinal)), engine.Log);
    }

    [TestMethod]
    public async Task CrossBuild_with_a_read_only_obj_fails_at_once_with_CROSS0040_instead_of_hanging()
    {
        using var dir = new TempDirectory();
        dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { name = \"greet\"; }");
        await using var obj = await UnwritableFolder.ReadOnlyAsync(Path.Combine(dir.Path, "obj"), path => Directory.CreateDirectory(Path.Combine(path, "cross")));
        var engine = new MockEngine();
        var task = new CrossBuildPackages
        {
            BuildEngine = engine,
            Settings =
            [
                Setting("ProjectDirectory", dir.Path),
                Setting("ProjectName", "App"),
                Setting("IntermediateDirectory", "obj/cross/"),
                Setting("Targets", "aarch64-linux"),
                Setting("NixExecutable", "/nonexistent/nix-must-not-start"),
            ],
            SecretSettings = [$"Nixpkgs={Repo.OfflineNixpkgs}"],
            Packages = [new TaskItem("native/greet.nix")],
        };

        // Before the fix this waited forever: a watchdog turns a hang into a failed assertion.
        using var watchdog = new Timer(_ => task.Cancel(), null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.LockFileUnavailable, error.Code, engine.Log);
        StringAssert.Contains(error.Message, Path.Combine(dir.Path, "obj", "cross", ".lock"));
        StringAssert.Contains(error.Message, "read-only");
    }

    [TestMethod]
    public void A_negative_CrossLockTimeout_is_CROSS0045_from_the_task()
    {
        using var dir = new TempDirectory();
        var engine = new MockEngine();

        Assert.IsFalse(new CrossBuildPackages { BuildEngine = engine, Settings = [Setting("ProjectDirectory", dir.Path), Setting("IntermediateDirectory", "obj/cross/"), Setting("LockTimeout", "-5")] }.Execute());

        Assert.AreEqual(DiagnosticCodes.InvalidLockTimeout, engine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_misspelt_setting_name_fails_the_task_with_CROSS0131_before_anything_runs()
    {
        using var dir = new TempDirectory();
        var engine = new MockEngine();
        var task = new CrossWritePlan
        {
            BuildEngine = engine,
            Settings = [Setting("ProjectDirectory", dir.Path), Setting("IntermediateDirectory", "obj/cross/"), Setting("NixExecutable", "/nonexistent/nix-must-not-start"), Setting("Stratgy", "cross")],
            PlanFile = "obj/cross/plan.json",
        };

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.UnknownSetting, error.Code, engine.Log);
        StringAssert.Contains(error.Message, "'Stratgy'");
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "obj", "cross", "plan.json")));
    }

    [TestMethod]
    public void The_NativeAOT_executable_s_glibc_requirement_is_its_CrossTarget_s_Glibc_metadata_by_InputResolver_s_rule()
    {
        using var dir = new TempDirectory();
        var binary = Path.Combine(dir.Path, "app");
        // A real aarch64 ELF that needs GLIBC_2.34 (tests/fixtures/elf/README.md).
        File.Copy(Path.Combine(Repo.Root, "tests", "fixtures", "elf", "libprobe-linux-arm64.so"), binary);
        var engine = new MockEngine();
        var task = new CrossShipAotBinary
        {
            BuildEngine = engine,
            Settings = [Setting("ProjectDirectory", dir.Path), Setting("IntermediateDirectory", "obj/cross/"), Setting("RuntimeIdentifier", "linux-arm64"), Setting("Portability", "off"), Setting("Glibc", "2.40")],
            // Another spelling of the same target: the request's rule matches any spelling.
            TargetStrategies = [new TaskItem("aarch64-unknown-linux-gnu", new Dictionary<string, string> { ["Glibc"] = "2.17" })],
            NativeBinary = binary,
        };

        Assert.IsFalse(task.Execute());

        var error = engine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.GlibcTargetNotMet, error.Code, engine.Log);
        StringAssert.Contains(error.Message, "2.17");
    }

    private static TaskItem Setting(string name, string value) => new(name, new Dictionary<string, string> { ["Value"] = value });

    private sealed class ServiceThrows : CrossTaskBase
    {
        private protected override void ExecuteCore(CrossBuildService service, CrossBuildRequest request) => Throw();

        // A stand-in for a bug deep in a service: an exception no code path expects.
        internal static void Throw() => _ = Array.Empty<int>().First();
    }

    private sealed class Throws(Exception exception) : CrossTask
    {
        protected override void ExecuteCore() => throw exception;
    }

    private sealed class CancelsItself : CrossTask
    {
        protected override void ExecuteCore()
        {
            Cancel();
            CancellationToken.ThrowIfCancellationRequested();
        }
    }
}
