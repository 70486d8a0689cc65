using System.Text;
using System.Text.RegularExpressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Incremental equals clean, as a property: a package whose build reaches files in other folders
/// (`src = ../../csrc`, a header folder, a submodule-shaped vendor tree, a callPackage'd file, a
/// file read with builtins.readFile, a pathExists, a file reached through a symlinked folder, a
/// nixpkgs whose stdenv/ is a symlinked folder) gets random sequences of edits; after each, what
/// an incremental build ships must be what a clean build of a copy of the same tree ships, and
/// an untouched tree is a no-op that starts no nix process.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed partial class IncrementalEqualsCleanEndToEndTests
{
    /// <summary>A time with no sub-second digits, as `cp -a` out of the store or a tarball leave.</summary>
    private static readonly DateTime FixedTime = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private enum Edit
    {
        Content,
        FixedTime,
        SameSizeSameTime,
        Rename,
        SymlinkSwap,
        Delete,
        Add,
    }

    /// <summary>One seed in the suite (about two minutes); eng/check-incremental.sh runs more through CROSSSDK_INCREMENTAL_SEEDS.</summary>
    public static IEnumerable<object[]> Seeds =>
        new[] { 20261203 }
            .Concat((Environment.GetEnvironmentVariable("CROSSSDK_INCREMENTAL_SEEDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))
            .Select(seed => new object[] { seed });

    [TestMethod]
    [DynamicData(nameof(Seeds))]
    public async Task What_an_incremental_build_ships_is_what_a_clean_build_of_the_same_tree_ships(int seed)
    {
        using var temp = new TempDirectory();
        var tree = await TreeAsync(temp);
        var random = new Random(seed);
        var log = new StringBuilder($"seed {seed}\n");

        await AssertIncrementalEqualsCleanAsync(temp, tree, log, "first build");
        var calls = NixCalls(temp);
        var noOp = await BuildAsync(tree);
        Assert.AreEqual(calls, NixCalls(temp), "an untouched tree starts no nix process\n" + noOp.All);
        StringAssert.Contains(noOp.All, "Skipping target \"CrossBuild\" because all output files are up-to-date");

        // A fixed-time edit first, so that a later same-size same-time edit meets a file whose time is already that.
        var edits = new List<Edit> { Edit.FixedTime, Edit.SameSizeSameTime };
        edits.AddRange(Enumerable.Range(0, 6).Select(_ => (Edit)random.Next(Enum.GetValues<Edit>().Length)));
        var counter = 10;
        foreach (var edit in edits)
        {
            var what = Apply(tree, edit, random, ref counter);
            log.Append($"{edit}: {what}\n");
            await AssertIncrementalEqualsCleanAsync(temp, tree, log, $"{edit}: {what}");
        }

        calls = NixCalls(temp);
        var last = await BuildAsync(tree);
        Assert.AreEqual(0, last.ExitCode, last.All);
        Assert.AreEqual(calls, NixCalls(temp), "after the edits, an untouched tree is a no-op again\n" + log);
    }

    [TestMethod]
    public async Task An_edit_inside_a_symlinked_stdenv_folder_of_nixpkgs_evaluates_again()
    {
        using var temp = new TempDirectory();
        var tree = await TreeAsync(temp);
        var first = await BuildAsync(tree);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var calls = NixCalls(temp);

        File.AppendAllText(Path.Combine(temp.Path, "stdenv-elsewhere", "default.nix"), "\n# edited\n");
        var again = await BuildAsync(tree);

        Assert.AreEqual(0, again.ExitCode, again.All);
        Assert.IsTrue(NixCalls(temp) > calls, "nixpkgs changed through its symlinked stdenv/: Nix evaluates again\n" + again.All);
    }

    private static async Task AssertIncrementalEqualsCleanAsync(TempDirectory temp, string tree, StringBuilder log, string step)
    {
        var incremental = await BuildAsync(tree);
        Assert.AreEqual(0, incremental.ExitCode, $"{step}\n{log}\n{incremental.All}");
        var clean = Path.Combine(temp.Path, "clean-" + Guid.NewGuid().ToString("N")[..8]);
        CopyTree(tree, clean, skip: ["bin", "obj"]);
        try
        {
            var cleanBuild = await BuildAsync(clean);
            Assert.AreEqual(0, cleanBuild.ExitCode, $"{step}\n{cleanBuild.All}");
            var shipped = Shipped(tree);
            var expected = Shipped(clean);
            Assert.AreEqual(Marks(expected), Marks(shipped), $"after {step}, the incremental build ships another library than a clean build:\n{log}");
            CollectionAssert.AreEqual(File.ReadAllBytes(expected), File.ReadAllBytes(shipped), $"after {step}: the same bytes\n{log}");
        }
        finally
        {
            Directory.Delete(clean, recursive: true);
        }
    }

    private static string Shipped(string tree) =>
        Path.Combine(tree, "src", "Greet", "bin", "Debug", "net10.0", "runtimes", "linux-arm64", "native", "libgreet.so");

    /// <summary>The marks each input compiled into the library: "c=10 h=11 ...".</summary>
    private static string Marks(string library) =>
        MarksPattern().Match(Encoding.Latin1.GetString(File.ReadAllBytes(library))).Value;

    [GeneratedRegex("MARKS[^\\x00]*")]
    private static partial Regex MarksPattern();

    private static Task<ProcessOutput> BuildAsync(string tree) =>
        DotNet.RunAsync(tree, "build", Path.Combine(tree, "src", "Greet"), "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={Path.Combine(Path.GetDirectoryName(tree)!, "tools", "nix")}", "-v:d", "-nodeReuse:false");

    private static int NixCalls(TempDirectory temp) =>
        File.Exists(Path.Combine(temp.Path, "nix-calls.log")) ? File.ReadAllLines(Path.Combine(temp.Path, "nix-calls.log")).Length : 0;

    /// <summary>
    /// A repository whose package reaches everywhere: src/Greet/native/greet.nix builds ../../../csrc
    /// with headers from include/ and a submodule-shaped vendor/lib, flags from a callPackage'd
    /// file, a mark read with builtins.readFile, a define while a flag file exists, and a header
    /// through the symlinked folder linked/ (-> linked-a or linked-b).
    /// </summary>
    private static async Task<string> TreeAsync(TempDirectory temp)
    {
        var nixpkgs = Path.Combine(temp.Path, "nixpkgs");
        CopyTree(Repo.OfflineNixpkgs, nixpkgs, skip: []);
        Directory.Move(Path.Combine(nixpkgs, "stdenv"), Path.Combine(temp.Path, "stdenv-elsewhere"));
        File.CreateSymbolicLink(Path.Combine(nixpkgs, "stdenv"), Path.Combine(temp.Path, "stdenv-elsewhere"));
        await SampleWorkspace.WriteUserSetupAsync(temp.Path, nixpkgsCopy: nixpkgs);
        var nix = temp.Write("tools/nix", $"""
            #!/bin/sh
            printf '%s\n' "$*" >> '{Path.Combine(temp.Path, "nix-calls.log")}'
            exec nix "$@"
            """);
        File.SetUnixFileMode(nix, (UnixFileMode)0b111_101_101);

        var tree = Path.Combine(temp.Path, "repo");
        SampleWorkspace.CopyDirectory(Path.Combine(Repo.Samples, "HelloNative", "Greet"), Path.Combine(tree, "src", "Greet"));
        var native = Path.Combine(tree, "src", "Greet", "native");
        foreach (var file in Directory.GetFiles(native))
        {
            File.Delete(file);
        }

        temp.Write("repo/src/Greet/native/greet.nix", """
            { stdenv, callPackage }:
            let
              flags = callPackage ../../../common/flags.nix { };
              mark = builtins.replaceStrings [ "\n" ] [ "" ] (builtins.readFile ../../../common/mark.txt);
              extra = if builtins.pathExists ../../../common/extra-flag then "-DMARK_X=1" else "-DMARK_X=0";
              linked = import ../../../linked/linked.nix;
            in
            stdenv.mkDerivation {
              pname = "greet";
              version = "1.0.0";
              src = ../../../csrc;
              # One flag a word: stdenv splits makeFlags on white space.
              makeFlags = [
                "PREFIX=${placeholder "out"}"
                "INCLUDE=-I${../../../include}"
                "VENDOR=-I${../../../vendor/lib}"
                "MARK_T=-DMARK_T=${mark}"
                "MARK_L=-DMARK_L=${linked.mark}"
                "MARK_X=${extra}"
                "MARK_F=${flags.cflags}"
              ];
            }
            """);
        temp.Write("repo/common/flags.nix", "{ }: { cflags = \"-DMARK_F=10\"; }\n");
        temp.Write("repo/common/mark.txt", "10\n");
        temp.Write("repo/include/extra.h", "#define MARK_H 10\n");
        temp.Write("repo/vendor/lib/.git", "gitdir: ../../.git/modules/lib\n");
        temp.Write("repo/vendor/lib/vendor.h", "#define MARK_V 10\n");
        temp.Write("repo/linked-a/linked.nix", "{ mark = \"10\"; }\n");
        temp.Write("repo/linked-b/linked.nix", "{ mark = \"20\"; }\n");
        File.CreateSymbolicLink(Path.Combine(tree, "linked"), "linked-a");
        temp.Write("repo/csrc/notes.txt", "notes\n");
        temp.Write("repo/csrc/Makefile", """
            PREFIX ?= /usr/local
            FLAGS = -O2 $(INCLUDE) $(VENDOR) $(MARK_T) $(MARK_L) $(MARK_X) $(MARK_F)
            all: libgreet.so
            libgreet.so: greet.c greet.h
            	$(CC) $(FLAGS) -fPIC -shared -Wl,-soname,libgreet.so.1 -o libgreet.so.1.0 greet.c
            	ln -sf libgreet.so.1.0 libgreet.so.1
            	ln -sf libgreet.so.1 libgreet.so
            install: libgreet.so
            	mkdir -p $(PREFIX)/lib
            	cp -P libgreet.so* $(PREFIX)/lib/
            """);
        temp.Write("repo/csrc/greet.h", File.ReadAllText(Path.Combine(Repo.Samples, "HelloNative", "Greet", "native", "greet.h")));
        temp.Write("repo/csrc/greet.c", """
            #include <stdio.h>
            #include "greet.h"
            #include "extra.h"
            #include "vendor.h"
            #define S(x) #x
            #define STR(x) S(x)
            #define MARK_C 10
            const char *greet_marks = "MARKS c=" STR(MARK_C) " h=" STR(MARK_H) " v=" STR(MARK_V) " f=" STR(MARK_F) " t=" STR(MARK_T) " l=" STR(MARK_L) " x=" STR(MARK_X);
            const char *greet_arch(void) { return greet_marks; }
            int greet(const char *name, char *buffer, int size) { return snprintf(buffer, (size_t)size, "%s %s", name, greet_marks); }
            """);
        return tree;
    }

    /// <summary>Applies one edit, and says what it did.</summary>
    private static string Apply(string tree, Edit edit, Random random, ref int counter)
    {
        var marked = new[] { "csrc/greet.c", "include/extra.h", "vendor/lib/vendor.h", "common/flags.nix", "common/mark.txt" };
        var file = Path.Combine(tree, marked[random.Next(marked.Length)]);
        var next = ++counter % 90 + 10;
        switch (edit)
        {
            case Edit.Content:
                SetMark(file, next);
                return $"{file} mark {next}";
            case Edit.FixedTime:
            case Edit.SameSizeSameTime:
                // Two-digit marks: the same size. The first edit of a file at the fixed time is a
                // fixed-time edit, the next one a same-size same-time edit.
                file = Path.Combine(tree, "include", "extra.h");
                SetMark(file, next);
                File.SetLastWriteTimeUtc(file, FixedTime);
                return $"{file} mark {next}, time {FixedTime:O}";
            case Edit.Rename:
                var notes = Directory.GetFiles(Path.Combine(tree, "csrc"), "notes*.txt").Single();
                var renamed = Path.Combine(tree, "csrc", $"notes{next}.txt");
                File.Move(notes, renamed);
                return $"{notes} -> {renamed}";
            case Edit.SymlinkSwap:
                var link = Path.Combine(tree, "linked");
                var target = new FileInfo(link).LinkTarget == "linked-a" ? "linked-b" : "linked-a";
                File.Delete(link);
                File.CreateSymbolicLink(link, target);
                return $"linked -> {target}";
            case Edit.Delete:
            case Edit.Add:
                var flag = Path.Combine(tree, "common", "extra-flag");
                if (File.Exists(flag))
                {
                    File.Delete(flag);
                    return $"deleted {flag}";
                }

                File.WriteAllText(flag, "");
                return $"added {flag}";
            default:
                throw new ArgumentOutOfRangeException(nameof(edit));
        }
    }

    /// <summary>Replaces the two-digit mark in the file (MARK_x 10, MARK_F=10, or the whole mark.txt).</summary>
    private static void SetMark(string file, int mark)
    {
        var text = File.ReadAllText(file);
        File.WriteAllText(file, file.EndsWith("mark.txt", StringComparison.Ordinal) ? $"{mark}\n" : TwoDigits().Replace(text, mark.ToString(System.Globalization.CultureInfo.InvariantCulture), 1));
    }

    [GeneratedRegex("(?<=MARK_[A-Z][ =])[0-9]{2}")]
    private static partial Regex TwoDigits();

    /// <summary>A copy with symbolic links as links (as a checkout has them).</summary>
    private static void CopyTree(string source, string destination, IReadOnlyCollection<string> skip)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var to = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } target)
            {
                File.CreateSymbolicLink(to, target);
            }
            else if (entry is DirectoryInfo)
            {
                if (!skip.Contains(entry.Name))
                {
                    CopyTree(entry.FullName, to, skip);
                }
            }
            else
            {
                File.Copy(entry.FullName, to);
                File.SetLastWriteTimeUtc(to, entry.LastWriteTimeUtc);
            }
        }
    }
}
