using System.IO.Compression;
using System.Text;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The files of obj/cross/ that a no-op reads instead of the task (manifest.items, up-to-date.txt)
/// are caches of the manifest: an empty, hand-edited or stale one runs the task, which rewrites
/// it; a shipped file that is gone or changed is shipped again, or stops a --no-build pack.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class DerivedFilesEndToEndTests
{
    [TestMethod]
    public async Task An_emptied_items_file_does_not_make_a_package_without_its_native_files()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var packages = Path.Combine(sample.Root, "packages");
        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, build.ExitCode, build.All);

        File.WriteAllText(sample.LibraryCross("manifest.items"), "");
        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=aarch64-linux", "-o", packages);

        Assert.AreEqual(0, pack.ExitCode, pack.All);
        CollectionAssert.Contains(NupkgEntries(packages), "runtimes/linux-arm64/native/libgreet.so.1");
        Assert.AreNotEqual(0, new FileInfo(sample.LibraryCross("manifest.items")).Length, "the task wrote it again");
    }

    [TestMethod]
    public async Task A_hand_edited_items_file_ships_nothing_the_build_did_not_make()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux"];
        var build = await sample.DotNetAsync(args);
        Assert.AreEqual(0, build.ExitCode, build.All);
        var items = sample.LibraryCross("manifest.items");
        var text = sample.LibraryCross("notes.txt");
        File.WriteAllText(text, "not a library");
        File.WriteAllText(items, File.ReadAllText(items).Replace(sample.LibraryCross("out"), Path.GetDirectoryName(text) + "/x", StringComparison.Ordinal)
            + $"{text}\tlinux-arm64\taarch64-linux\tgreet\tevil.so\tshared\tevil\n");

        var again = await sample.DotNetAsync(args);

        Assert.AreEqual(0, again.ExitCode, again.All);
        Assert.IsFalse(File.Exists(Path.Combine(sample.LibraryNative("linux-arm64"), "evil.so")), "a file the build did not ship is not shipped");
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so.1"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task An_emptied_proof_does_not_hide_later_edits()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux"];
        var build = await sample.DotNetAsync(args);
        Assert.AreEqual(0, build.ExitCode, build.All);

        File.WriteAllText(sample.LibraryCross("up-to-date.txt"), "");
        var repaired = await sample.DotNetAsync(args);
        Assert.AreEqual(0, repaired.ExitCode, repaired.All);
        var source = Path.Combine(sample.Library, "native", "greet.c");
        File.WriteAllText(source, File.ReadAllText(source).Replace("Hello, %s", "Howdy, %s", StringComparison.Ordinal));
        var edited = await sample.DotNetAsync(args);

        Assert.AreEqual(0, edited.ExitCode, edited.All);
        StringAssert.Contains(File.ReadAllText(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so.1"), Encoding.Latin1), "Howdy, %s");
    }

    [TestMethod]
    public async Task A_shipped_file_changed_in_obj_is_shipped_again_and_one_gone_stops_a_pack_without_build()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux"];
        var build = await sample.DotNetAsync(args);
        Assert.AreEqual(0, build.ExitCode, build.All);
        var shipped = sample.LibraryCross("out", "linux-arm64", "libgreet.so.1");
        var original = File.ReadAllBytes(shipped);

        File.WriteAllText(shipped, "garbage");
        var again = await sample.DotNetAsync(args);
        Assert.AreEqual(0, again.ExitCode, again.All);
        CollectionAssert.AreEqual(original, File.ReadAllBytes(shipped), "shipped again from the store");
        CollectionAssert.AreEqual(original, File.ReadAllBytes(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so.1")));

        File.Delete(shipped);
        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=aarch64-linux", "--no-build", "-o", Path.Combine(sample.Root, "packages"));

        Assert.AreNotEqual(0, pack.ExitCode, "a package without the file the build made must not be made\n" + pack.All);
        StringAssert.Contains(pack.All, "CROSS0092");
        StringAssert.Contains(pack.All, shipped);
    }

    [TestMethod]
    public async Task Build_folders_with_other_names_inside_the_source_are_not_inputs_and_link_loops_are_links()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        // The package file in the project folder itself, its source the whole folder; build/obj/ for obj/.
        var project = Path.Combine(sample.Library, "Greet.csproj");
        foreach (var file in Directory.GetFiles(Path.Combine(sample.Library, "native")))
        {
            File.Move(file, Path.Combine(sample.Library, Path.GetFileName(file)));
        }

        File.WriteAllText(project, File.ReadAllText(project).Replace("native/greet.nix", "greet.nix", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(sample.Library, "loop"), ".");
        File.CreateSymbolicLink(Path.Combine(sample.Library, "up"), "../Greet");
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:BaseIntermediateOutputPath=build/obj/", $"-p:CrossNixExecutable={sample.RecordingNix}"];

        var first = await sample.DotNetAsync(args);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var calls = sample.NixCalls;
        var second = await sample.DotNetAsync(args);
        var third = await sample.DotNetAsync(args);

        Assert.AreEqual(0, second.ExitCode, second.All);
        Assert.AreEqual(0, third.ExitCode, third.All);
        Assert.AreEqual(calls, sample.NixCalls, "CrossSdk's own output under build/obj/ is no source edit\n" + second.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task A_seal_made_over_another_builds_settings_does_not_make_its_files_count()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var arm = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, arm.ExitCode, arm.All);

        // Two builds of the project at once: the riscv64 one writes its settings.txt, then the
        // aarch64 one finishes and writes its stamp, newer than those settings.
        var settings = await sample.DotNetAsync("msbuild", sample.Library, "-t:_CrossUpToDateInputs", "-p:CrossTarget=riscv64-linux");
        Assert.AreEqual(0, settings.ExitCode, settings.All);
        File.SetLastWriteTimeUtc(sample.LibraryCross("up-to-date.stamp"), DateTime.UtcNow.AddSeconds(5));
        var riscv = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=riscv64-linux");

        Assert.AreEqual(0, riscv.ExitCode, riscv.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-riscv64"), "libgreet.so"), "riscv64-linux", "RISC-V");
    }

    private static string[] NupkgEntries(string folder)
    {
        using var zip = ZipFile.OpenRead(Directory.GetFiles(folder, "*.nupkg").Single());
        return zip.Entries.Select(e => e.FullName).ToArray();
    }
}
