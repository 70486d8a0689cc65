using System.Text.Json;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>nixpkgs pinned by the project's flake.lock, or a flake reference in CrossNixpkgs.</summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class PinnedNixpkgsEndToEndTests
{
    private static async Task<string> CopyOfflineSetAsync(string destination)
    {
        var copy = await Processes.RunAsync("cp", ["-r", Repo.OfflineNixpkgs, destination]);
        Assert.AreEqual(0, copy.ExitCode, copy.StandardError);
        return destination;
    }

    private static async Task LockAsync(string folder)
    {
        var nixLock = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command flakes", "flake", "lock", "--update-input", "nixpkgs"], folder);
        Assert.AreEqual(0, nixLock.ExitCode, nixLock.StandardError);
    }

    [TestMethod]
    public async Task The_flake_lock_nixpkgs_input_is_used_and_its_hash_is_part_of_the_up_to_date_key()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var pinned = await CopyOfflineSetAsync(Path.Combine(sample.Root, "pinned-nixpkgs"));
        File.WriteAllText(Path.Combine(sample.Root, "flake.nix"), $$"""
            {
              inputs.nixpkgs = { url = "path:{{pinned}}"; flake = false; };
              outputs = { self, nixpkgs }: { };
            }
            """);
        await LockAsync(sample.Root);
        string[] args = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossNixpkgs=", $"-p:CrossNixExecutable={sample.RecordingNix}"];

        var build = await sample.DotNetAsync(args);

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        StringAssert.Contains(File.ReadAllText(sample.LibraryCross("crosssdk.nix")), "builtins.fetchTree {");
        StringAssert.Contains(File.ReadAllLines(sample.NixCallLog).Single(NixCalls.Evaluates), "nix-command flakes", "the evaluation needs flakes; building its derivations does not");

        var calls = sample.NixCalls;
        var noop = await sample.DotNetAsync(args);
        Assert.AreEqual(0, noop.ExitCode, noop.All);
        Assert.AreEqual(calls, sample.NixCalls, "unchanged lock: no nix");

        var before = File.ReadAllText(Path.Combine(sample.Root, "flake.lock"));
        File.AppendAllText(Path.Combine(pinned, "default.nix"), "\n# a new nixpkgs revision\n");
        await LockAsync(sample.Root);
        Assert.AreNotEqual(before, File.ReadAllText(Path.Combine(sample.Root, "flake.lock")), "the lock moved");
        var relocked = await sample.DotNetAsync(args);
        Assert.AreEqual(0, relocked.ExitCode, relocked.All);
        Assert.IsTrue(sample.NixCalls > calls, "a new lock hash rebuilds");
    }

    [TestMethod]
    public async Task CrossNixpkgs_takes_a_flake_reference()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var plan = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=aarch64-linux", $"-p:CrossNixpkgs=path:{Repo.OfflineNixpkgs}");
        Assert.AreEqual(0, plan.ExitCode, plan.All);
        Assert.AreEqual($"flake path:{Repo.OfflineNixpkgs}", JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json"))).RootElement.GetProperty("nixpkgs").GetString());

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=riscv64-linux", $"-p:CrossNixpkgs=path:{Repo.OfflineNixpkgs}");
        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-riscv64"), "libgreet.so"), "riscv64-linux", "RISC-V");
    }
}
