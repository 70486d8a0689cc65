using System.Text.Json;
using CrossSdk.Artifacts;
using CrossSdk.Doctor;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Binaries for older Linux: a library that calls dlopen, built for linux-arm64 with the default
/// offline set (Debian 12's glibc 2.36: dlopen@GLIBC_2.34) and with the target's own older set
/// (tests/nixpkgs-bullseye, Debian 11's glibc 2.31: dlopen@GLIBC_2.17), and run on a Debian 11
/// arm64 userland under QEMU.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class GlibcEndToEndTests
{
    private static string Bullseye => Path.Combine(Repo.Root, "tests", "nixpkgs-bullseye");

    /// <summary>The Debian 11 arm64 root eng/setup-host.sh makes: the older userland.</summary>
    private static string BullseyeRoot => Path.Combine(
        Environment.GetEnvironmentVariable("CROSSSDK_EMULATION_ROOTS") is { Length: > 0 } roots ? roots : "/var/cache/crosssdk/roots", "bullseye-arm64");

    // libprobe.so calls dlopen; probe-run loads it by path (dlopen again) and calls it, which
    // loads the system's zlib and asks its version.
    private static readonly Dictionary<string, string> Probe = new()
    {
        ["probe.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "probe";
              version = "1.0";
              src = ./.;
              buildPhase = ''
                $CC -O2 -shared -fPIC -o libprobe.so probe.c -ldl
                $CC -O2 -o probe-run probe-run.c -ldl
              '';
              installPhase = "mkdir -p $out/lib $out/bin && cp libprobe.so $out/lib/ && cp probe-run $out/bin/";
            }
            """,
        ["probe.c"] = """
            #include <dlfcn.h>
            const char *probe(const char *library, const char *symbol)
            {
                void *handle = dlopen(library, RTLD_NOW);
                if (!handle) return dlerror();
                const char *(*function)(void) = (const char *(*)(void))dlsym(handle, symbol);
                return function ? function() : "no such symbol";
            }
            """,
        ["probe-run.c"] = """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(int argc, char **argv)
            {
                void *handle = dlopen(argv[1], RTLD_NOW);
                if (!handle) { fprintf(stderr, "%s\n", dlerror()); return 2; }
                const char *(*probe)(const char *, const char *) = (const char *(*)(const char *, const char *))dlsym(handle, "probe");
                printf("probe: zlib %s\n", probe("libz.so.1", "zlibVersion"));
                return 0;
            }
            """,
    };

    [TestMethod]
    public async Task The_default_set_needs_GLIBC_2_34_for_dlopen_which_the_floor_and_CrossGlibc_reject_and_Debian_11_cannot_load()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");

        var floored = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossGlibcFloor=2.31");

        FailureAssert.AssertFailsWith(floored, "CROSS0019", "runtimes/linux-arm64/native/libprobe.so needs GLIBC_2.34 (for dlerror, dlopen, dlsym)");

        var wanted = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossGlibc=2.31");

        FailureAssert.AssertFailsWith(
            wanted,
            "CROSS0080",
            "runtimes/linux-arm64/native/libprobe.so needs GLIBC_2.34 (for dlerror, dlopen, dlsym)",
            "Nixpkgs=\"github:NixOS/nixpkgs/nixos-20.09\"");
        Assert.IsFalse(Directory.Exists(sample.LibraryNative("linux-arm64")), "nothing rejected reaches bin/");

        // Without a check it ships, and Debian 11's loader refuses it: the check told the truth.
        var unchecked_ = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, unchecked_.ExitCode, unchecked_.All);
        var run = await RunOnBullseyeAsync(sample.LibraryNative("linux-arm64"));
        Assert.AreNotEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.All, "version `GLIBC_2.34' not found", "the loader's own error");
    }

    [TestMethod]
    public async Task The_target_own_older_nixpkgs_needs_at_most_GLIBC_2_31_passes_the_floor_and_runs_on_Debian_11()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        sample.AddItems($"<CrossTarget Include=\"aarch64-linux\" Nixpkgs=\"{System.Security.SecurityElement.Escape(Bullseye)}\" Glibc=\"2.31\" />");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossGlibcFloor=2.31");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, $"linux-arm64 is built with its own nixpkgs: {Bullseye}");
        StringAssert.Contains(build.StandardOutput, "runtimes/linux-arm64/native/libprobe.so needs GLIBC_2.17");
        var folder = sample.LibraryNative("linux-arm64");
        foreach (var file in new[] { "libprobe.so", "probe-run", "libgreet.so" })
        {
            var elf = ElfFile.Read(Path.Combine(folder, file))!;
            var needs = Portability.Newest(elf, "GLIBC_");
            Assert.IsTrue(needs is null || needs.Value.Version <= new Version(2, 31), $"{file} needs {needs?.Version} ({needs?.Symbol})");
        }

        CollectionAssert.Contains(ElfFile.Read(Path.Combine(folder, "libprobe.so"))!.Needed.ToArray(), "libdl.so.2", "dlopen comes from libdl, as before glibc 2.34");
        var run = await RunOnBullseyeAsync(folder);
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "probe: zlib 1.2.11", "Debian 11's loader loaded the library, which loaded Debian 11's zlib");

        // The plan and the doctor show the target's own nixpkgs and glibc.
        var plan = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan");
        Assert.AreEqual(0, plan.ExitCode, plan.All);
        using var json = JsonDocument.Parse(File.ReadAllText(sample.LibraryCross("plan.json")));
        var target = json.RootElement.GetProperty("targets").EnumerateArray().Single();
        Assert.AreEqual(Bullseye, target.GetProperty("nixpkgs").GetString());
        Assert.IsTrue(target.GetProperty("ownNixpkgs").GetBoolean());
        Assert.AreEqual("2.31", target.GetProperty("glibc").GetString());
        Assert.AreEqual(Repo.OfflineNixpkgs, json.RootElement.GetProperty("nixpkgs").GetString(), "the project's nixpkgs is unchanged");

        var doctor = await sample.DotNetAsync("build", sample.Library, "-t:CrossDoctor");
        StringAssert.Contains(doctor.StandardOutput, $"nixpkgs: {Bullseye} (its own)");
        StringAssert.Contains(doctor.StandardOutput, "glibc: at most 2.31");
    }

    [TestMethod]
    public async Task A_flake_lock_input_named_on_the_target_pins_its_older_nixpkgs()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        // An "older nixpkgs" pinned in the project's flake.lock beside its nixpkgs, as a user pins nixos-20.09.
        var old = Path.Combine(sample.Root, "old-nixpkgs");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "default.nix"), $"import {NixString.Path(Bullseye)}\n");
        File.WriteAllText(Path.Combine(sample.Root, "flake.nix"), $$"""
            {
              inputs.nixpkgs = { url = "path:{{Repo.OfflineNixpkgs}}"; flake = false; };
              inputs.nixpkgs-bullseye = { url = "path:{{old}}"; flake = false; };
              outputs = { self, ... }: { };
            }
            """);
        var locked = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command flakes", "flake", "lock"], sample.Root);
        Assert.AreEqual(0, locked.ExitCode, locked.StandardError);
        sample.AddItems("<CrossTarget Include=\"aarch64-linux\" Nixpkgs=\"flake.lock#nixpkgs-bullseye\" />");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossNixpkgs=", "-p:CrossGlibc=2.31");

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, $"linux-arm64 is built with its own nixpkgs: {Path.Combine(sample.Root, "flake.lock")} nixpkgs-bullseye sha256-");
        StringAssert.Contains(build.StandardOutput, "runtimes/linux-arm64/native/libprobe.so needs GLIBC_2.17");
    }

    [TestMethod]
    public async Task A_NativeAOT_app_linked_with_the_target_own_older_nixpkgs_needs_at_most_GLIBC_2_31_and_runs_on_Debian_11()
    {
        using var dir = new TempDirectory();
        var app = Path.Combine(dir.Path, "AotHello");
        SampleWorkspace.CopyDirectory(Path.Combine(Repo.Samples, "AotHello"), app);
        await SampleWorkspace.WriteUserSetupAsync(dir.Path);
        var project = Path.Combine(app, "AotHello.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "</Project>",
            $"  <ItemGroup><CrossTarget Include=\"linux-arm64\" Nixpkgs=\"{System.Security.SecurityElement.Escape(Bullseye)}\" Glibc=\"2.31\" /></ItemGroup>\n</Project>",
            StringComparison.Ordinal));
        var publishDir = Path.Combine(dir.Path, "publish");

        var publish = await DotNet.RunAsync(app, "publish", "-r", "linux-arm64", "-o", publishDir);

        Assert.AreEqual(0, publish.ExitCode, publish.All);
        StringAssert.Matches(publish.StandardOutput, new System.Text.RegularExpressions.Regex(@"NativeAOT links for linux-arm64 with /nix/store/\S+-gcc-wrapper-12-glibc-2\.31/bin/"));
        var exe = Path.Combine(publishDir, "AotHello");
        var needs = Portability.Newest(ElfFile.Read(exe)!, "GLIBC_");
        Assert.IsTrue(needs is { } n && n.Version <= new Version(2, 31), $"AotHello needs {needs?.Version} ({needs?.Symbol})");
        Assert.IsTrue(File.Exists(Path.Combine(BullseyeRoot, "lib", "ld-linux-aarch64.so.1")), $"{BullseyeRoot} is missing: run eng/setup-host.sh");

        var run = await Processes.RunAsync("qemu-aarch64-static", ["-L", BullseyeRoot, exe]);

        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "AotHello: 2 + 3 = 5 from libhello built for aarch64");
    }

    /// <summary>probe-run, with the Debian 11 arm64 root as QEMU's loader root.</summary>
    private static async Task<ProcessOutput> RunOnBullseyeAsync(string folder)
    {
        Assert.IsTrue(File.Exists(Path.Combine(BullseyeRoot, "lib", "ld-linux-aarch64.so.1")), $"{BullseyeRoot} is missing: run eng/setup-host.sh");
        return await Processes.RunAsync("qemu-aarch64-static", ["-L", BullseyeRoot, Path.Combine(folder, "probe-run"), Path.Combine(folder, "libprobe.so")]);
    }
}
