using System.Text.Json;
using CrossSdk.Artifacts;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Emulated builds for real: Nix runs target-architecture builders through binfmt_misc + QEMU, and
/// they compile with the target's own gcc from a Debian root (made by eng/setup-host.sh).
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class EmulatedEndToEndTests
{
    [TestMethod]
    public async Task Emulated_builds_compile_with_the_targets_own_gcc_under_QEMU()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var build = await sample.DotNetAsync("build", sample.App, "-p:CrossTargets=\"aarch64-linux,armv7l-linux\"", "-p:CrossStrategy=emulated");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "aarch64-linux -> emulated (system aarch64-linux, under QEMU)");
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm64", "native", "libgreet.so"), "aarch64-linux", "AArch64");
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm", "native", "libgreet.so"), "armv7l-linux", "ARM");

        await AssertBuiltUnderQemuAsync(sample, "linux-arm64", "aarch64-linux", ElfMachines.AArch64, "aarch64-linux-gnu", "aarch64");
        await AssertBuiltUnderQemuAsync(sample, "linux-arm", "armv7l-linux", ElfMachines.Arm, "arm-linux-gnueabihf", "armv7l");
    }

    [TestMethod]
    public async Task Emulated_riscv64_builds_with_the_gcc_of_a_Debian_13_root_under_QEMU_and_the_library_runs_there()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=riscv64-linux", "-p:CrossStrategy=emulated");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "riscv64-linux -> emulated (system riscv64-linux, under QEMU)");
        var native = sample.LibraryNative("linux-riscv64");
        await ElfAssert.IsForAsync(Path.Combine(native, "libgreet.so"), "riscv64-linux", "RISC-V");
        await AssertBuiltUnderQemuAsync(sample, "linux-riscv64", "riscv64-linux", ElfMachines.RiscV, "riscv64-linux-gnu", "riscv64");
        // Compiled by the Debian 13 root's gcc 14, not by the host's riscv64 cross gcc (Debian 12's gcc 12).
        var comment = await Processes.RunAsync("readelf", ["-p", ".comment", Path.Combine(native, "libgreet.so")]);
        StringAssert.Contains(comment.StandardOutput, "GCC: (Debian 14.");

        // The shipped library works: a C program linked against it runs under qemu-riscv64, with
        // the riscv64 C library of Debian's cross toolchain.
        var main = Path.Combine(sample.Root, "main.c");
        File.WriteAllText(main, """
            #include <stdio.h>
            #include "greet.h"
            int main(void) { char b[128]; greet("riscv64", b, sizeof b); puts(b); return 0; }
            """);
        var exe = Path.Combine(sample.Root, "main-riscv64");
        var cc = await Processes.RunAsync("riscv64-linux-gnu-gcc", ["-o", exe, main, "-I", Path.Combine(sample.Library, "native"), "-L", native, "-lgreet"]);
        Assert.AreEqual(0, cc.ExitCode, cc.All);
        var run = await Processes.RunAsync(
            "qemu-riscv64-static", [exe],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/riscv64-linux-gnu", ["LD_LIBRARY_PATH"] = native },
            timeout: TimeSpan.FromMinutes(2));
        Assert.AreEqual(0, run.ExitCode, run.All);
        Assert.AreEqual("Hello, riscv64, from native code built for riscv64!", run.StandardOutput.Trim());
    }

    [TestMethod]
    public async Task Auto_weighs_emulated_riscv64_by_a_dry_run_and_picks_cross()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var plan = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=riscv64-linux");

        Assert.AreEqual(0, plan.ExitCode, plan.All);
        var planned = JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json"))).RootElement.GetProperty("targets")[0];
        var reason = planned.GetProperty("reason").GetString()!;
        Assert.AreEqual("cross", planned.GetProperty("strategy").GetString(), reason);
        StringAssert.Matches(reason, new System.Text.RegularExpressions.Regex(@"^emulation would build [1-9][0-9]* derivations? under QEMU \(~16x\) vs [1-9][0-9]* derivations? with the cross toolchain"), "both candidates evaluated and were costed");
    }

    /// <summary>
    /// The derivation's system is the target, its builder a target-architecture ELF file (so only
    /// QEMU can run it), and the toolchain asked the root's gcc what it builds for and uname where it ran.
    /// </summary>
    private static async Task AssertBuiltUnderQemuAsync(SampleWorkspace sample, string rid, string system, ushort machine, string dumpMachine, string unameMachine)
    {
        var show = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "show-derivation", "-f", sample.LibraryCross("crosssdk.nix"), $"{rid}--greet--out"]);
        Assert.AreEqual(0, show.ExitCode, show.StandardError);
        var drv = JsonDocument.Parse(show.StandardOutput).RootElement.EnumerateObject().Single().Value;
        Assert.AreEqual(system, drv.GetProperty("system").GetString());
        var builder = ElfFile.Read(drv.GetProperty("builder").GetString()!);
        Assert.AreEqual(machine, builder!.Identity.Machine, "the builder runs on the target architecture, so only QEMU can run it");

        var toolchain = await sample.EvalGeneratedAsync($"{rid}--toolchain.outPath");
        Assert.AreEqual(dumpMachine, File.ReadAllText(Path.Combine(toolchain, "target")).Trim());
        Assert.AreEqual(unameMachine, File.ReadAllText(Path.Combine(toolchain, "build-machine")).Trim());
    }

    [TestMethod]
    public async Task An_emulated_library_runs_in_a_published_arm64_app_under_QEMU()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var publishDir = Path.Combine(sample.Root, "publish");

        var publish = await sample.DotNetAsync("publish", sample.App, "-r", "linux-arm64", "--self-contained", "-p:CrossStrategy=emulated", "-o", publishDir);

        Assert.AreEqual(0, publish.ExitCode, publish.All);
        StringAssert.Contains(publish.StandardOutput, "-> emulated");
        var run = await Processes.RunAsync(
            "qemu-aarch64-static", [Path.Combine(publishDir, "HelloNative"), "emulated"],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, emulated, from native code built for aarch64!");
    }

    [TestMethod]
    public async Task A_target_whose_handler_is_disabled_is_CROSS0015_and_starts_no_build()
    {
        if (File.Exists("/proc/sys/fs/binfmt_misc/qemu-s390x") && File.ReadAllText("/proc/sys/fs/binfmt_misc/qemu-s390x").StartsWith("enabled", StringComparison.Ordinal))
        {
            Assert.Inconclusive("qemu-s390x is enabled on this machine; eng/setup-host.sh leaves it disabled for this test.");
        }

        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=s390x-linux", "-p:CrossStrategy=emulated", $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0015", "Cannot build s390x-linux emulated", "boot.binfmt.emulatedSystems");
        Assert.IsFalse(File.ReadAllLines(sample.NixCallLog).Any(c => c.Contains(" build ", StringComparison.Ordinal)), "no nix build was started");
    }

    [TestMethod]
    public async Task Nix_refusing_the_system_is_CROSS0014_in_Nix_own_words()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        // The user's options come last: this takes back the extra-platforms CrossSdk adds.
        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated", "-p:CrossNixOptions=--option extra-platforms i686-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0014", "Nix will not build aarch64-linux", "is required to build");
    }

    [TestMethod]
    public async Task Auto_picks_emulated_when_a_binary_cache_has_the_emulated_outputs_and_cross_when_it_is_empty()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        using var cache = new TempDirectory();
        sample.SaltSource();

        // Build the emulated outputs, put them in a file:// binary cache, and drop them locally.
        var emulated = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated");
        Assert.AreEqual(0, emulated.ExitCode, emulated.All);
        var greet = await sample.EvalGeneratedAsync("linux-arm64--greet--out.outPath");
        var toolchain = await sample.EvalGeneratedAsync("linux-arm64--toolchain.outPath");
        var copy = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "copy", "--to", $"file://{cache.Path}", greet, toolchain]);
        Assert.AreEqual(0, copy.ExitCode, copy.StandardError);
        Directory.Delete(Path.Combine(sample.Library, "obj"), recursive: true);
        var delete = await Processes.RunAsync("nix-store", ["--delete", greet]);
        Assert.AreEqual(0, delete.ExitCode, delete.StandardError);

        var withCache = await sample.DotNetAsync(
            "build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=aarch64-linux",
            $"-p:CrossNixOptions=--option substituters file://{cache.Path} --option require-sigs false");
        Assert.AreEqual(0, withCache.ExitCode, withCache.All);
        var planned = JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json"))).RootElement.GetProperty("targets")[0];
        Assert.AreEqual("emulated", planned.GetProperty("strategy").GetString(), planned.GetProperty("reason").GetString());
        StringAssert.Contains(planned.GetProperty("reason").GetString(), "emulation would build 0 derivations under QEMU (~16x) and fetch");

        sample.SaltSource();
        var empty = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, empty.ExitCode, empty.All);
        planned = JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json"))).RootElement.GetProperty("targets")[0];
        Assert.AreEqual("cross", planned.GetProperty("strategy").GetString(), planned.GetProperty("reason").GetString());
        StringAssert.Contains(planned.GetProperty("reason").GetString(), "under QEMU (~16x) vs");
    }
}
