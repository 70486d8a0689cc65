using CrossSdk.Incremental;
using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class UpToDateProofTests
{
    private static PackageSpec Package(string file) =>
        new("greet", PackageKind.File, file, ["out"], PackageSpec.DefaultInclude, "native/greet.nix");

    [TestMethod]
    public void A_folder_nixpkgs_and_the_package_folder_are_globbed_and_inputs_are_single_files()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("project/native/greet.nix", "{ }");
        var nixpkgs = dir.Write("nixpkgs/default.nix", "{ }");
        var overlay = dir.Write("project/overlay.nix", "self: super: { }");
        var missing = Path.Combine(dir.Path, "project", "generated.h");

        var proof = UpToDateProof.For(Path.Combine(dir.Path, "project"), Path.Combine(dir.Path, "project", "obj", "cross"), [("../nixpkgs", NixpkgsSource.FromFolder(Path.GetDirectoryName(nixpkgs)!))], [Package(file)], [overlay, missing]);

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(file) }, proof.PackageRoots.ToArray());
        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(nixpkgs) }, proof.TreeRoots.ToArray());
        CollectionAssert.AreEquivalent(new[] { file, nixpkgs, overlay }, proof.Files.Select(f => f.Path).ToArray());
        Assert.AreEqual(File.GetLastWriteTime(file).Ticks, proof.Files.Single(f => f.Path == file).Ticks, "the time MSBuild's File.GetLastWriteTime gives");
        CollectionAssert.AreEqual(new[] { missing }, proof.AbsentFiles.ToArray(), "a CrossInput that is missing must make the next build run when it appears");
        StringAssert.Contains(proof.ToText(), $"package-root\t{Path.GetDirectoryName(file)}\n");
        StringAssert.Contains(proof.ToText(), $"file\t{File.GetLastWriteTime(file).Ticks}\t{file}\n");
        StringAssert.Contains(proof.ToText(), $"absent\t{missing}\n");
    }

    [TestMethod]
    public void Nixpkgs_from_a_channel_has_no_timestamp_to_stand_for_it()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("", NixpkgsSource.SearchPath("/nix/store/abc-nixpkgs"))], [Package(file)], []);

        StringAssert.Contains(proof.Unprovable, "channel or NIX_PATH");
    }

    [TestMethod]
    public void A_nixpkgs_checkout_too_big_to_glob_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");
        var nixpkgs = Path.Combine(dir.Path, "nixpkgs");
        Directory.CreateDirectory(nixpkgs);
        for (var i = 0; i <= UpToDateProof.MaxFiles; i++)
        {
            File.WriteAllText(Path.Combine(nixpkgs, $"{i}.nix"), "");
        }

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [(nixpkgs, NixpkgsSource.FromFolder(nixpkgs))], [Package(file)], []);

        StringAssert.Contains(proof.Unprovable, "more than 5000 files");
        Assert.AreEqual(0, proof.Files.Count, "a big checkout is not listed");
    }

    [TestMethod]
    public void Nixpkgs_from_a_flake_lock_names_it_and_every_nearer_flake_lock_that_could_appear()
    {
        using var dir = new TempDirectory();
        var lockFile = dir.Write("flake.lock", "{}");
        var project = Path.Combine(dir.Path, "src", "app");
        var file = dir.Write("src/app/native/greet.nix", "{ }");

        var proof = UpToDateProof.For(project, Path.Combine(project, "obj"), [("", NixpkgsSource.Flake("fetchTree {}", $"{lockFile} nixpkgs sha256-x"))], [Package(file)], []);

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.AreEqual(new[] { file, lockFile }, proof.Files.Select(f => f.Path).ToArray());
        CollectionAssert.AreEqual(new[] { Path.Combine(project, "flake.lock"), Path.Combine(dir.Path, "src", "flake.lock") }, proof.AbsentFiles.ToArray());
    }

    [TestMethod]
    public void A_targets_own_nixpkgs_folder_is_globbed_too_and_a_channel_for_one_target_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");
        var older = dir.Write("nixpkgs-bullseye/default.nix", "{ }");
        var project = NixpkgsSource.Flake("x", "flake github:NixOS/nixpkgs/abc");

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("github:NixOS/nixpkgs/abc", project), ("nixpkgs-bullseye", NixpkgsSource.FromFolder(Path.GetDirectoryName(older)!))], [Package(file)], []);
        var channel = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("github:NixOS/nixpkgs/abc", project), ("<nixpkgs>", NixpkgsSource.SearchPath("/nix/store/abc-nixpkgs"))], [Package(file)], []);

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.Contains(proof.Files.Select(f => f.Path).ToArray(), older);
        StringAssert.Contains(channel.Unprovable, "channel or NIX_PATH");
    }

    [TestMethod]
    public void A_nixpkgs_folder_reached_through_a_symlink_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");
        var real = Path.GetDirectoryName(dir.Write("nixpkgs-a/default.nix", "{ }"))!;
        File.CreateSymbolicLink(Path.Combine(dir.Path, "nixpkgs"), real);

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("nixpkgs", NixpkgsSource.FromFolder(real))], [Package(file)], []);

        StringAssert.Contains(proof.Unprovable, "through a symlink");
    }

    [TestMethod]
    public void A_folder_CrossInput_is_globbed_and_each_of_its_files_keyed()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");
        var header = dir.Write("include/greet.h", "int greet(void);");

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("", NixpkgsSource.Flake("x", "flake github:NixOS/nixpkgs/abc"))], [Package(file)], [Path.GetDirectoryName(header)!]);
        var before = BuildKey.Describe("1", "n", [], [], [], [Path.GetDirectoryName(header)!]);
        File.WriteAllText(header, "int greet(int);");
        var after = BuildKey.Describe("1", "n", [], [], [], [Path.GetDirectoryName(header)!]);

        CollectionAssert.Contains(proof.TreeRoots.ToArray(), Path.GetDirectoryName(header));
        CollectionAssert.Contains(proof.Files.Select(f => f.Path).ToArray(), header);
        CollectionAssert.AreNotEqual(before.ToArray(), after.ToArray(), "an edit inside a folder CrossInput changes the key");
    }

    [TestMethod]
    public void A_store_path_nixpkgs_is_immutable_and_needs_no_file()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ }");

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("/nix/store/abc-source", NixpkgsSource.FromFolder("/nix/store/abc-source"))], [Package(file)], []);

        Assert.IsNull(proof.Unprovable);
        Assert.AreEqual(0, proof.TreeRoots.Count + proof.AbsentFiles.Count);
        CollectionAssert.AreEqual(new[] { file }, proof.Files.Select(f => f.Path).ToArray(), "only the package's own files");
    }

    [TestMethod]
    [DataRow("semi;colon")]
    [DataRow("star*")]
    [DataRow("quote'")]
    [DataRow("dollar$(x)")]
    [DataRow("percent%3B")]
    public void A_path_MSBuild_would_read_as_syntax_leaves_the_check_to_the_task(string folderName)
    {
        using var dir = new TempDirectory();
        var file = dir.Write($"{folderName}/greet.nix", "{ }");

        var proof = UpToDateProof.For(dir.Path, Path.Combine(dir.Path, "obj"), [("", NixpkgsSource.Flake("x", "flake github:NixOS/nixpkgs/abc"))], [Package(file)], []);

        StringAssert.Contains(proof.Unprovable, "MSBuild reads as syntax");
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task The_task_lists_exactly_the_files_MSBuilds_glob_finds_so_no_file_seems_to_appear()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "root");
        foreach (var file in new[] { ".dot", ".hidden/a", "sub/b", "sub/bin/kept", "bin/skipped", "obj/skipped", ".git/objects/x", "sub/.git/y" })
        {
            dir.Write(Path.Combine("root", file), "");
        }

        dir.Write("other/c", "");
        File.CreateSymbolicLink(Path.Combine(root, "linkdir"), Path.Combine(dir.Path, "other"));
        File.CreateSymbolicLink(Path.Combine(root, "linkfile"), "sub/b");
        File.CreateSymbolicLink(Path.Combine(root, "dangling"), "/nonexistent");
        var project = dir.Write("glob.proj", $"""
            <Project>
              <Target Name="T">
                <ItemGroup><F Include="{root}/**" Exclude="{root}/bin/**;{root}/obj/**;{root}/**/.git/**" /></ItemGroup>
                <WriteLinesToFile File="{dir.Path}/found.txt" Lines="@(F)" Overwrite="true" />
              </Target>
            </Project>
            """);

        var msbuild = await DotNet.RunAsync(dir.Path, "msbuild", project, "-nologo");

        Assert.AreEqual(0, msbuild.ExitCode, msbuild.All);
        CollectionAssert.AreEquivalent(File.ReadAllLines(Path.Combine(dir.Path, "found.txt")), UpToDateProof.Glob(root, buildFolder: true).ToArray());
    }
}
