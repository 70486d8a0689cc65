using CrossSdk.Diagnostics;
using CrossSdk.Incremental;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class UpToDateProofTests
{
    private static readonly NixpkgsSource Flake = NixpkgsSource.Flake("x", "flake github:NixOS/nixpkgs/abc");

    private static IReadOnlyList<ProofEntry> Read(params string[] roots) =>
        InputDigest.Of(new InputSet(roots.Select(r => new InputRoot(r)).ToList(), [], []), [], fromSnapshots: false).Entries;

    [TestMethod]
    public void Every_file_and_folder_of_what_was_read_and_of_a_nixpkgs_folder_is_listed_with_its_time()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("project/native/greet.nix", "{ }");
        var nixpkgs = dir.Write("nixpkgs/default.nix", "{ }");

        var proof = UpToDateProof.For(Path.Combine(dir.Path, "project"), [("../nixpkgs", NixpkgsSource.FromFolder(Path.GetDirectoryName(nixpkgs)!))], Read(Path.GetDirectoryName(file)!));

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.AreEquivalent(new[] { Path.GetDirectoryName(file), file, Path.GetDirectoryName(nixpkgs), nixpkgs }, proof.Entries.Select(e => e.Path).ToArray());
        Assert.AreEqual(File.GetLastWriteTime(file).Ticks, proof.Entries.Single(f => f.Path == file).Ticks, "the time MSBuild's File.GetLastWriteTime gives");
        StringAssert.Contains(proof.ToText(), $"file\t{File.GetLastWriteTime(file).Ticks}\t-\t{file}\n");
        StringAssert.Contains(proof.ToText(), $"dir\t{Directory.GetLastWriteTime(Path.GetDirectoryName(file)!).Ticks}\t-\t{Path.GetDirectoryName(file)}\n");
    }

    [TestMethod]
    public void A_file_whose_time_is_a_whole_second_carries_its_hash_so_a_copy_with_the_same_time_is_seen()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/vendored.c", "int v = 1;");
        File.SetLastWriteTimeUtc(file, DateTime.UnixEpoch.AddSeconds(1));

        var entry = Read(file).Single();

        Assert.AreEqual(Artifacts.FileHash.Sha256(file), entry.Hash);
        Assert.IsNull(Read(dir.Write("native/edited.c", "int e;")).Single().Hash, "a time with sub-second digits is enough");
    }

    [TestMethod]
    public void Nixpkgs_from_a_channel_has_no_timestamp_to_stand_for_it()
    {
        using var dir = new TempDirectory();
        var proof = UpToDateProof.For(dir.Path, [("", NixpkgsSource.SearchPath("/nix/store/abc-nixpkgs"))], Read(dir.Write("native/greet.nix", "{ }")));

        StringAssert.Contains(proof.Unprovable, "channel or NIX_PATH");
    }

    [TestMethod]
    public void A_nixpkgs_checkout_too_big_to_check_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var nixpkgs = Path.Combine(dir.Path, "nixpkgs");
        Directory.CreateDirectory(nixpkgs);
        for (var i = 0; i <= UpToDateProof.MaxEntries; i++)
        {
            File.WriteAllText(Path.Combine(nixpkgs, $"{i}.nix"), "");
        }

        var proof = UpToDateProof.For(dir.Path, [(nixpkgs, NixpkgsSource.FromFolder(nixpkgs))], []);

        StringAssert.Contains(proof.Unprovable, "more than 5000 files");
    }

    [TestMethod]
    public void The_proof_takes_nixpkgs_times_from_the_walk_the_fingerprint_was_made_from_so_a_later_edit_is_seen_next_build()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("nixpkgs/default.nix", "{ }");
        var nixpkgs = Path.GetDirectoryName(file)!;
        File.SetLastWriteTime(file, new DateTime(2026, 1, 2, 3, 4, 5, 678));
        var walks = new NixpkgsWalks();
        var keyed = NixpkgsFingerprint.Describe(NixpkgsSource.FromFolder(nixpkgs), walks);

        // An edit between the key and the proof (a `git pull` while CrossSdk evaluates).
        File.WriteAllText(file, "{ edited = true; }");
        var proof = UpToDateProof.For(dir.Path, [("nixpkgs", NixpkgsSource.FromFolder(nixpkgs))], [], walks);

        Assert.AreEqual(new DateTime(2026, 1, 2, 3, 4, 5, 678).Ticks, proof.Entries.Single(e => e.Path == file).Ticks, "the time the key saw, so MSBuild's check differs from the file now");
        Assert.AreNotEqual(keyed, NixpkgsFingerprint.Describe(NixpkgsSource.FromFolder(nixpkgs)), "and the task's next key sees the edit");
    }

    [TestMethod]
    public void A_walk_with_a_limit_stops_descending_once_it_has_listed_more_than_the_limit()
    {
        using var dir = new TempDirectory();
        for (var folder = 0; folder < 20; folder++)
        {
            for (var file = 0; file < 10; file++)
            {
                dir.Write($"pkgs/p{folder:D2}/f{file}.nix", "");
            }
        }

        var all = InputWalk.Walk(Path.Combine(dir.Path, "pkgs"), follow: true);
        var limited = InputWalk.Walk(Path.Combine(dir.Path, "pkgs"), follow: true, limit: 30);

        Assert.AreEqual(221, all.Count, "the root, 20 folders and 200 files");
        Assert.IsTrue(limited.Count > 30, "enough to know there are too many");
        Assert.IsTrue(limited.Count < 60, $"a real nixpkgs (40,000 files) is not listed in full only to be declined: {limited.Count}");
    }

    [TestMethod]
    public void Nixpkgs_from_a_flake_lock_names_it_and_every_nearer_flake_lock_that_could_appear()
    {
        using var dir = new TempDirectory();
        var lockFile = dir.Write("flake.lock", "{}");
        var project = Path.Combine(dir.Path, "src", "app");
        Directory.CreateDirectory(project);

        var proof = UpToDateProof.For(project, [("", NixpkgsSource.Flake("fetchTree {}", $"{lockFile} nixpkgs sha256-x"))], []);

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.AreEqual(new[] { Path.Combine(project, "flake.lock"), Path.Combine(dir.Path, "src", "flake.lock"), lockFile }, proof.Entries.Select(f => f.Path).ToArray());
        Assert.AreEqual(File.GetLastWriteTime(Path.Combine(project, "flake.lock")).Ticks, proof.Entries[0].Ticks, "a missing file has the time of none, and any file that appears has another");
    }

    [TestMethod]
    public void A_targets_own_nixpkgs_folder_is_listed_too_and_a_channel_for_one_target_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var older = dir.Write("nixpkgs-bullseye/default.nix", "{ }");

        var proof = UpToDateProof.For(dir.Path, [("github:NixOS/nixpkgs/abc", Flake), ("nixpkgs-bullseye", NixpkgsSource.FromFolder(Path.GetDirectoryName(older)!))], []);
        var channel = UpToDateProof.For(dir.Path, [("github:NixOS/nixpkgs/abc", Flake), ("<nixpkgs>", NixpkgsSource.SearchPath("/nix/store/abc-nixpkgs"))], []);

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.Contains(proof.Entries.Select(f => f.Path).ToArray(), older);
        StringAssert.Contains(channel.Unprovable, "channel or NIX_PATH");
    }

    [TestMethod]
    public void A_nixpkgs_folder_reached_through_a_symlink_leaves_the_check_to_the_task()
    {
        using var dir = new TempDirectory();
        var real = Path.GetDirectoryName(dir.Write("nixpkgs-a/default.nix", "{ }"))!;
        File.CreateSymbolicLink(Path.Combine(dir.Path, "nixpkgs"), real);

        var proof = UpToDateProof.For(dir.Path, [("nixpkgs", NixpkgsSource.FromFolder(real))], []);

        StringAssert.Contains(proof.Unprovable, "through a symlink");
    }

    [TestMethod]
    public void A_symlinked_folder_inside_nixpkgs_is_followed_as_Nix_follows_it()
    {
        using var dir = new TempDirectory();
        var nixpkgs = Path.GetDirectoryName(dir.Write("nixpkgs/default.nix", "{ }"))!;
        var setup = dir.Write("elsewhere/stdenv/setup.sh", "echo v1");
        File.CreateSymbolicLink(Path.Combine(nixpkgs, "stdenv"), Path.GetDirectoryName(setup)!);

        var before = NixpkgsFingerprint.Of(nixpkgs);
        var proof = UpToDateProof.For(dir.Path, [("nixpkgs", NixpkgsSource.FromFolder(nixpkgs))], []);
        File.WriteAllText(setup, "echo v2, longer");

        CollectionAssert.Contains(proof.Entries.Select(e => e.Path).ToArray(), Path.Combine(nixpkgs, "stdenv", "setup.sh"));
        Assert.AreNotEqual(before, NixpkgsFingerprint.Of(nixpkgs), "the task's fingerprint sees through the link too");
    }

    [TestMethod]
    public void A_link_loop_in_a_followed_folder_is_an_error_that_names_the_link()
    {
        using var dir = new TempDirectory();
        var nixpkgs = Path.GetDirectoryName(dir.Write("nixpkgs/default.nix", "{ }"))!;
        File.CreateSymbolicLink(Path.Combine(nixpkgs, "loop"), ".");

        var error = Assert.ThrowsExactly<CrossException>(() => UpToDateProof.For(dir.Path, [("nixpkgs", NixpkgsSource.FromFolder(nixpkgs))], []));

        Assert.AreEqual(DiagnosticCodes.SymlinkLoop, error.Code);
        StringAssert.Contains(error.Message, Path.Combine(nixpkgs, "loop") + " -> .");
    }

    [TestMethod]
    public void A_local_path_flake_nixpkgs_is_keyed_by_its_content_and_listed_by_its_files()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("nixpkgs/default.nix", "{ }");
        var reference = "path:" + Path.GetDirectoryName(file);
        var source = Host.NixpkgsLocator.ForFileSystem().Locate(reference, dir.Path, null, null);

        var before = NixpkgsFingerprint.Describe(source);
        var proof = UpToDateProof.For(dir.Path, [(reference, source)], []);
        File.WriteAllText(file, "{ edited = true; }");

        Assert.IsNull(proof.Unprovable);
        CollectionAssert.Contains(proof.Entries.Select(e => e.Path).ToArray(), file);
        Assert.AreNotEqual(before, NixpkgsFingerprint.Describe(source), "an edit in a path: flake's folder changes the key");
        StringAssert.StartsWith(source.ToNix(), "(builtins.fetchTree", "Nix still reads it as the flake reference it is");
    }

    [TestMethod]
    public void A_store_path_nixpkgs_is_immutable_and_needs_no_entry()
    {
        var proof = UpToDateProof.For("/tmp", [("/nix/store/abc-source", NixpkgsSource.FromFolder("/nix/store/abc-source"))], []);

        Assert.IsNull(proof.Unprovable);
        Assert.AreEqual(0, proof.Entries.Count);
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
        var proof = UpToDateProof.For(dir.Path, [("", Flake)], Read(dir.Write($"{folderName}/greet.nix", "{ }")));

        StringAssert.Contains(proof.Unprovable, "MSBuild reads as syntax");
    }

    [TestMethod]
    public void Shipped_files_are_listed_so_one_removed_or_edited_runs_the_task()
    {
        using var dir = new TempDirectory();
        var shipped = dir.Write("obj/cross/out/linux-arm64/libgreet.so", "ELF");

        var proof = UpToDateProof.For(dir.Path, [("", Flake)], []).WithShipped([shipped]);

        Assert.AreEqual(File.GetLastWriteTime(shipped).Ticks, proof.Entries.Single(e => e.Path == shipped).Ticks);
    }
}
