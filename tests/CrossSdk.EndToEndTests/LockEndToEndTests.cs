using CliWrap;
using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>obj/cross/.lock through the real dotnet: a folder that cannot hold it, and a lock another process holds.</summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class LockEndToEndTests
{
    [TestMethod]
    public async Task A_read_only_CrossIntermediateOutputPath_is_CROSS0040_at_once_and_starts_no_nix()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        await using var readOnly = await UnwritableFolder.ReadOnlyAsync(Path.Combine(sample.Root, "read-only-obj"), path => Directory.CreateDirectory(Path.Combine(path, "cross")));

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossIntermediateOutputPath={readOnly.Path}/cross/", $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0040", $"{readOnly.Path}/cross/.lock: the file system is read-only");
        Assert.IsFalse(build.All.Contains("   at ", StringComparison.Ordinal), $"no stack trace:\n{build.All}");
        Assert.AreEqual(0, sample.NixCalls);
    }

    [TestMethod]
    public async Task A_lock_another_process_holds_past_CrossLockTimeout_is_CROSS0041()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var lockPath = sample.LibraryCross(".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using var stopHolder = new CancellationTokenSource();
        // flock(1) takes the same flock(2) lock .NET takes for FileShare.None.
        var holder = Cli.Wrap("flock").WithArguments([lockPath, "sleep", "600"]).WithValidation(CommandResultValidation.None).ExecuteAsync(stopHolder.Token);
        try
        {
            await WaitUntilHeldAsync(lockPath);

            var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossLockTimeout=2", $"-p:CrossNixExecutable={sample.RecordingNix}");

            FailureAssert.AssertFailsWith(build, "CROSS0041", "more than 2 s (CrossLockTimeout)");
            Assert.AreEqual(1, build.StandardOutput.Split('\n').Count(l => l.Contains("another build of this project holds", StringComparison.Ordinal)), build.StandardOutput);
            Assert.AreEqual(0, sample.NixCalls, "nothing was built while another build held the lock");
        }
        finally
        {
            await stopHolder.CancelAsync();
            await Assert.ThrowsAsync<OperationCanceledException>(async () => await holder);
        }
    }

    private static async Task WaitUntilHeldAsync(string lockPath)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = await FileLock.AcquireAsync(lockPath, "probe", TimeSpan.Zero, new RecordingLog(), CancellationToken.None);
            }
            catch (CrossException ex) when (ex.Code == DiagnosticCodes.LockTimeout)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("flock never took the lock");
    }
}
