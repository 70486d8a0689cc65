using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A full disk, for real: a small tmpfs mounted for the test (never the real disk) as
/// CrossSdk's intermediate folder or as the output folder, filled up, then freed.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class DiskFullEndToEndTests
{
    [TestMethod]
    public async Task A_full_obj_folder_is_the_disk_full_error_naming_the_path_and_the_next_build_after_freeing_it_works()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var small = Path.Combine(sample.Folder, "small-obj");
        await using var disk = await SmallDisk.MountAsync(small, "16m");
        string[] arguments = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossIntermediateOutputPath={small}/cross/"];
        var first = await sample.DotNetAsync(arguments);
        Assert.AreEqual(0, first.ExitCode, first.All);

        sample.SaltSource();
        // Room for the lock's small holder file (a full disk there is CROSS0040, the lock's), not for the library.
        disk.Fill(leaveBytes: 2 * 4096);
        var full = await sample.DotNetAsync(arguments);

        FailureAssert.AssertFailsWith(
            full,
            DiagnosticCodes.NixDiskFull,
            "No space left on the device: CrossSdk (",
            $") could not write {small}/cross/",
            $"df -h {small}/cross");
        Assert.IsFalse(full.StandardOutput.Contains(DiagnosticCodes.InternalError, StringComparison.Ordinal), full.StandardOutput);

        disk.Free();
        var again = await sample.DotNetAsync(arguments);

        Assert.AreEqual(0, again.ExitCode, again.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(small, "cross", "out", "linux-arm64", "libgreet.so")), File.ReadAllBytes(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so")));
    }

    [TestMethod]
    public async Task A_native_file_whose_copy_to_a_full_output_folder_was_cut_short_is_replaced_by_the_next_build()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var output = Path.Combine(sample.Folder, "small-bin");
        await using var disk = await SmallDisk.MountAsync(output, "8m");
        // No retries: MSBuild's Copy would wait a second for each of ten.
        string[] arguments = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:OutDir={output}/", "-p:CopyRetryCount=0"];
        var first = await sample.DotNetAsync(arguments);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var source = sample.LibraryCross("out", "linux-arm64", "libgreet.so");
        var shipped = Path.Combine(output, "runtimes", "linux-arm64", "native", "libgreet.so");
        Assert.IsTrue(new FileInfo(source).Length > 3 * 4096, $"the library is larger than the space left below ({new FileInfo(source).Length} bytes)");

        // The copy to bin/ runs out of space half-way: MSBuild leaves a truncated file, newer than its source.
        File.Delete(shipped);
        disk.Fill(leaveBytes: 4096);
        var full = await sample.DotNetAsync(arguments);

        Assert.AreNotEqual(0, full.ExitCode, full.All);
        if (!File.Exists(shipped))
        {
            Assert.Inconclusive("this MSBuild removed the partial copy itself: " + full.StandardOutput);
        }

        Assert.IsTrue(new FileInfo(shipped).Length < new FileInfo(source).Length, "the copy was cut short");
        Assert.IsTrue(File.GetLastWriteTimeUtc(shipped) > File.GetLastWriteTimeUtc(source), "and is newer than its source");

        disk.Free();
        var again = await sample.DotNetAsync(arguments);

        Assert.AreEqual(0, again.ExitCode, again.All);
        CollectionAssert.AreEqual(File.ReadAllBytes(source), File.ReadAllBytes(shipped), "the next build replaced the truncated copy");
        await ElfAssert.IsForAsync(shipped, "aarch64-linux", "AArch64");

        // And a build with nothing changed copies nothing.
        var copied = File.GetLastWriteTimeUtc(shipped);
        var noop = await sample.DotNetAsync(arguments);
        Assert.AreEqual(0, noop.ExitCode, noop.All);
        Assert.AreEqual(copied, File.GetLastWriteTimeUtc(shipped), "IfDifferent left the equal file alone");
    }
}
