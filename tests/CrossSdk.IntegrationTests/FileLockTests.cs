using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Integration;

[TestClass]
[TestCategory("RealProcesses")]
public sealed class FileLockTests
{
    // Before the fix every one of these waited forever: a watchdog turns a hang into a failure.
    private static CancellationToken Watchdog() => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [TestMethod]
    public async Task A_lock_file_on_a_read_only_file_system_is_CROSS0040_at_once_not_a_wait()
    {
        using var dir = new TempDirectory();
        await using var readOnly = await UnwritableFolder.ReadOnlyAsync(Path.Combine(dir.Path, "obj"), obj => Directory.CreateDirectory(Path.Combine(obj, "cross")));
        var lockPath = Path.Combine(readOnly.Path, "cross", ".lock");
        var log = new RecordingLog();

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(lockPath, "App", TimeSpan.FromHours(1), log, Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockFileUnavailable, ex.Code);
        StringAssert.Contains(ex.Message, lockPath);
        StringAssert.Contains(ex.Message, "read-only");
        StringAssert.Contains(ex.Message, "CrossIntermediateOutputPath", "says what to do");
        Assert.IsEmpty(log.Messages, "no 'waiting' message: nobody holds it");
    }

    [TestMethod]
    public async Task A_read_only_obj_without_a_cross_folder_is_CROSS0040_too()
    {
        using var dir = new TempDirectory();
        await using var readOnly = await UnwritableFolder.ReadOnlyAsync(Path.Combine(dir.Path, "obj"));

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(Path.Combine(readOnly.Path, "cross", ".lock"), "App", TimeSpan.FromHours(1), new RecordingLog(), Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockFileUnavailable, ex.Code);
        StringAssert.Contains(ex.Message, "read-only");
    }

    [TestMethod]
    public async Task A_lock_file_on_a_full_disk_is_CROSS0040_naming_the_full_disk()
    {
        using var dir = new TempDirectory();
        await using var full = await UnwritableFolder.FullAsync(Path.Combine(dir.Path, "obj"));

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(Path.Combine(full.Path, ".lock"), "App", TimeSpan.FromHours(1), new RecordingLog(), Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockFileUnavailable, ex.Code);
        StringAssert.Contains(ex.Message, "disk is full");
        StringAssert.Contains(ex.Message, "nix-collect-garbage");
    }

    [TestMethod]
    public async Task A_lock_file_in_a_folder_root_may_not_write_is_CROSS0040_permission_denied()
    {
        using var dir = new TempDirectory();
        await using var immutable = await UnwritableFolder.ImmutableAsync(Path.Combine(dir.Path, "cross"));

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(Path.Combine(immutable.Path, ".lock"), "App", TimeSpan.FromHours(1), new RecordingLog(), Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockFileUnavailable, ex.Code);
        StringAssert.Contains(ex.Message, "permission denied");
    }

    [TestMethod]
    public async Task A_held_lock_is_waited_for_said_once_with_its_holder_and_given_up_after_the_timeout_with_CROSS0041()
    {
        using var dir = new TempDirectory();
        var lockPath = Path.Combine(dir.Path, "cross", ".lock");
        using var holder = await FileLock.AcquireAsync(lockPath, "FirstApp", TimeSpan.Zero, new RecordingLog(), Watchdog());
        var log = new RecordingLog();

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(lockPath, "SecondApp", TimeSpan.FromSeconds(1), log, Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockTimeout, ex.Code);
        StringAssert.Contains(ex.Message, $"pid {Environment.ProcessId}, project FirstApp");
        StringAssert.Contains(ex.Message, "CrossLockTimeout");
        var waiting = log.Messages.Where(m => m.Contains("holds", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, waiting, "said once, however long it waits");
        StringAssert.Contains(waiting[0], $"pid {Environment.ProcessId}, project FirstApp");
        StringAssert.Contains(waiting[0], "waiting");
    }

    [TestMethod]
    public async Task A_held_lock_is_taken_once_its_holder_lets_go()
    {
        using var dir = new TempDirectory();
        var lockPath = Path.Combine(dir.Path, ".lock");
        var holder = await FileLock.AcquireAsync(lockPath, "FirstApp", TimeSpan.Zero, new RecordingLog(), Watchdog());
        var log = new RecordingLog();

        var second = FileLock.AcquireAsync(lockPath, "SecondApp", TimeSpan.FromMinutes(5), log, Watchdog());
        while (log.Messages.IsEmpty && !second.IsCompleted)
        {
            await Task.Delay(50);
        }

        Assert.IsFalse(second.IsCompleted, "the second build waits while the first holds the lock");
        holder.Dispose();
        using var taken = await second;

        StringAssert.Contains(File.ReadAllText(lockPath + ".holder"), "project SecondApp", "the new holder says who it is");
    }

    [TestMethod]
    public async Task A_zero_timeout_does_not_wait()
    {
        using var dir = new TempDirectory();
        var lockPath = Path.Combine(dir.Path, ".lock");
        using var holder = await FileLock.AcquireAsync(lockPath, "FirstApp", TimeSpan.Zero, new RecordingLog(), Watchdog());

        var ex = await Assert.ThrowsExactlyAsync<CrossException>(() => FileLock.AcquireAsync(lockPath, "SecondApp", TimeSpan.Zero, new RecordingLog(), Watchdog()));

        Assert.AreEqual(DiagnosticCodes.LockTimeout, ex.Code);
    }

    [TestMethod]
    public void A_negative_CrossLockTimeout_is_CROSS0045()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(90), FileLock.ParseTimeout(90));
        Assert.AreEqual(DiagnosticCodes.InvalidLockTimeout, Assert.ThrowsExactly<CrossException>(() => FileLock.ParseTimeout(-1)).Code);
    }
}
