using CrossSdk.Incremental;
using CrossSdk.Nix.Log;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>What Nix reports it read (-vv), what a package file reads that Nix does not report, and the set the key covers.</summary>
[TestClass]
public sealed class NixReadsTests
{
    [TestMethod]
    public void Nix_s_evaluating_file_and_copied_source_messages_are_recorded_and_others_are_not()
    {
        var reads = new NixReads();

        Assert.IsTrue(reads.TryRecord("evaluating file '/src/app/native/greet.nix'"));
        Assert.IsTrue(reads.TryRecord("copied source '/src/it's -> odd' -> '/nix/store/abc-odd'"));
        Assert.IsFalse(reads.TryRecord("instantiated 'greet' -> '/nix/store/x-greet.drv'"));

        CollectionAssert.AreEqual(new[] { "/src/app/native/greet.nix" }, reads.EvaluatedFiles.ToArray());
        Assert.AreEqual(("/src/it's -> odd", "/nix/store/abc-odd"), reads.CopiedSources.Single());
    }

    [TestMethod]
    public void Relative_path_literals_in_code_are_found_with_their_lines_and_none_in_comments_or_string_text()
    {
        var scan = NixPathScan.Scan("""
            { stdenv }:
            # src = ./commented;
            let data = builtins.readFile ../data/version.txt; /* ./also-comment */
            in stdenv.mkDerivation {
              src = ../../csrc;
              patches = [ ./fix.patch ];
              postPatch = "cp ${./extra.h} include/ && ./configure";
              doc = ''see ./README and ${./notes.md}'';
            }
            """);

        CollectionAssert.AreEqual(
            new[] { ("../data/version.txt", 3), ("../../csrc", 5), ("./fix.patch", 6), ("./extra.h", 7), ("./notes.md", 8) },
            scan.Paths.Select(p => (p.Text, p.Line)).ToArray());
        Assert.AreEqual(0, scan.UnseenReads.Count);
    }

    [TestMethod]
    public void A_reading_builtin_without_a_path_literal_or_an_environment_read_is_reported_with_its_line()
    {
        var scan = NixPathScan.Scan("""
            let
              name = "greet";
              a = builtins.readFile (./. + "/${name}.h");
              b = builtins.readFile "/etc/${name}";
              c = builtins.path {
                path = ./vendor;
                name = "vendor";
              };
              d = builtins.getEnv "GREETING";
              e = lib.cleanSource ./.;
              f = builtins.pathExists someVariable;
            in a
            """);

        CollectionAssert.AreEqual(new[] { ("readFile", 4), ("getEnv", 9), ("pathExists", 11) }, scan.UnseenReads.Select(r => (r.Builtin, r.Line)).ToArray());
    }

    [TestMethod]
    public void Absolute_path_literals_are_the_machine_s_and_search_path_lookups_are_reported()
    {
        var scan = NixPathScan.Scan("""
            { lib, stdenv }:
            let pkgs = import <nixpkgs> { }; in
            stdenv.mkDerivation { src = lib.cleanSource /srv/greet; builder = "/bin/sh"; n = 4 / 2; }
            """);

        Assert.AreEqual(0, scan.Paths.Count, "an absolute path names the machine (a sysroot), a path in a string is none, nor a division");
        Assert.AreEqual(("<nixpkgs>", 2), scan.UnseenReads.Select(r => (r.Builtin, r.Line)).Single());
    }

    [TestMethod]
    public void A_folder_named_by_a_literal_is_keyed_with_its_git_index_and_HEAD_but_not_git_s_objects()
    {
        using var dir = new TempDirectory();
        var root = Path.GetDirectoryName(dir.Write("repo/greet.c", "int greet;"))!;
        var index = dir.Write("repo/.git/index", "index v1");
        dir.Write("repo/.git/HEAD", "ref: refs/heads/main");
        var set = new InputSet([new InputRoot(root)], [], []);
        var before = InputDigest.Of(set, [], fromSnapshots: false).KeyLines.ToArray();

        dir.Write("repo/.git/objects/ab/cdef", "blob");
        CollectionAssert.AreEqual(before, InputDigest.Of(set, [], fromSnapshots: false).KeyLines.ToArray(), "objects are not what a checkout reads");
        File.WriteAllText(index, "index v2: git add");
        CollectionAssert.AreNotEqual(before, InputDigest.Of(set, [], fromSnapshots: false).KeyLines.ToArray(), "fetchGit and lib.fileset.gitTracked read what is tracked");
    }

    [TestMethod]
    public void A_link_has_no_hash_in_the_proof_even_with_a_whole_second_time()
    {
        using var dir = new TempDirectory();
        var target = dir.Write("vendor/real.c", "int r;");
        File.SetLastWriteTimeUtc(target, DateTime.UnixEpoch.AddSeconds(1));
        var root = Path.GetDirectoryName(target)!;
        File.CreateSymbolicLink(Path.Combine(root, "link.c"), "real.c");

        var entries = InputDigest.Of(new InputSet([new InputRoot(root)], [], []), [], fromSnapshots: false).Entries;

        Assert.IsNull(entries.Single(e => e.Path.EndsWith("link.c", StringComparison.Ordinal)).Hash);
        Assert.IsNotNull(entries.Single(e => e.Path == target).Hash);
    }

    [TestMethod]
    public void The_set_holds_sources_with_Nix_s_copy_evaluated_files_and_literal_paths_but_not_nixpkgs_obj_or_the_store()
    {
        using var dir = new TempDirectory();
        var package = dir.Write("app/native/greet.nix", """
            { stdenv }: stdenv.mkDerivation {
              src = ../../csrc;
              version = builtins.readFile ../../VERSION;
              hasExtra = builtins.pathExists ../../extra.h;
              flags = import ../../common/flags.nix;
              cfg = builtins.readFile ../obj/cross/generated.txt;
            }
            """);
        dir.Write("csrc/greet.c", "int greet;");
        dir.Write("VERSION", "1.0");
        dir.Write("common/flags.nix", "{ }");
        var nixpkgs = Path.GetDirectoryName(dir.Write("nixpkgs/default.nix", "{ }"))!;
        var reads = new NixReads();
        reads.TryRecord($"evaluating file '{package}'");
        reads.TryRecord($"evaluating file '{nixpkgs}/default.nix'");
        reads.TryRecord($"evaluating file '/nix/store/abc-source/lib.nix'");
        reads.TryRecord($"copied source '{dir.Path}/csrc' -> '/nix/store/abc-csrc'");
        var log = new RecordingLog();

        var set = InputSet.FromReads(reads, [nixpkgs, Path.Combine(dir.Path, "app", "obj")], [Path.Combine(dir.Path, "app", "obj")], log);

        CollectionAssert.AreEqual(
            new[] { ($"{dir.Path}/VERSION", (string?)null), ($"{dir.Path}/app/native/greet.nix", null), ($"{dir.Path}/common/flags.nix", null), ($"{dir.Path}/csrc", "/nix/store/abc-csrc") },
            set.Roots.Select(r => (r.Path, r.StorePath)).ToArray());
        CollectionAssert.AreEqual(new[] { $"{dir.Path}/extra.h" }, set.Absent.ToArray(), "pathExists of a missing file: the build changes when it appears");
        Assert.AreEqual(0, log.Warnings.Count);
    }

    [TestMethod]
    public void A_read_CrossSdk_cannot_resolve_is_a_warning_at_its_file_and_line()
    {
        using var dir = new TempDirectory();
        var package = dir.Write("native/greet.nix", "{ stdenv }:\nlet n = \"x\"; in\nstdenv.mkDerivation { v = builtins.readFile (\"/etc/\" + n); }\n");
        var reads = new NixReads();
        reads.TryRecord($"evaluating file '{package}'");
        var log = new RecordingLog();

        InputSet.FromReads(reads, [], [], log);

        var warning = log.Warnings.Single();
        Assert.AreEqual("CROSS0090", warning.Code);
        Assert.AreEqual(((string?)package, 3), log.WarningLocations.Single());
        StringAssert.Contains(warning.Text, "CrossInput");
    }

    [TestMethod]
    public void A_source_keyed_by_Nix_s_copy_gives_the_same_key_as_the_unchanged_tree_and_another_after_an_edit()
    {
        using var dir = new TempDirectory();
        var source = Path.GetDirectoryName(dir.Write("csrc/greet.c", "int greet;"))!;
        dir.Write("csrc/include/greet.h", "int greet;");
        File.CreateSymbolicLink(Path.Combine(source, "loop"), ".");
        var copy = Path.Combine(dir.Path, "store", "abc-csrc");
        Directory.CreateDirectory(Path.Combine(copy, "include"));
        File.Copy(Path.Combine(source, "greet.c"), Path.Combine(copy, "greet.c"));
        File.Copy(Path.Combine(source, "include", "greet.h"), Path.Combine(copy, "include", "greet.h"));
        File.CreateSymbolicLink(Path.Combine(copy, "loop"), ".");
        var set = new InputSet([new InputRoot(source, copy)], [], []);

        var fromCopy = InputDigest.Of(set, [], fromSnapshots: true).KeyLines;
        var fromTree = InputDigest.Of(set, [], fromSnapshots: false).KeyLines;
        File.WriteAllText(Path.Combine(source, "include", "greet.h"), "int greet(void);");
        var edited = InputDigest.Of(set, [], fromSnapshots: false).KeyLines;

        CollectionAssert.AreEqual(fromCopy.ToArray(), fromTree.ToArray(), "a link is keyed as a link, not followed (no loop)");
        CollectionAssert.AreNotEqual(fromTree.ToArray(), edited.ToArray());
        Assert.IsTrue(fromCopy.Count > 0);
    }

    [TestMethod]
    public void The_project_s_own_build_folders_and_result_links_are_no_inputs_but_a_nested_bin_is()
    {
        using var dir = new TempDirectory();
        var project = Path.GetDirectoryName(dir.Write("app/greet.c", "int greet;"))!;
        Directory.CreateDirectory(Path.Combine(project, "build", "obj"));
        var set = new InputSet([new InputRoot(project)], [], [Path.Combine(project, "build", "obj"), Path.Combine(project, "bin")]);
        var before = InputDigest.Of(set, [], false).KeyLines.ToArray();

        dir.Write("app/build/obj/cross/manifest.json", "{}");
        dir.Write("app/bin/Debug/app.dll", "x");
        File.CreateSymbolicLink(Path.Combine(project, "result"), "/nix/store/00000000000000000000000000000000-greet");
        CollectionAssert.AreEqual(before, InputDigest.Of(set, [], false).KeyLines.ToArray());

        dir.Write("app/src/bin/main.c", "int main(void) { return 0; }");
        CollectionAssert.AreNotEqual(before, InputDigest.Of(set, [], false).KeyLines.ToArray());
    }
}
