using CrossSdk.Artifacts;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The musl RIDs beyond x64 (issue 21, items 3 and 5): linux-musl-arm64 and linux-musl-arm built
/// with the offline set's musl cross stdenvs (Debian's cross gcc over Debian 12's musl-dev of the
/// target), checked as ELF files, and loaded under QEMU by musl's own loader from Debian's musl
/// package; and each C library's loader refusing the other's library, on the Debian 11 arm64
/// userland for glibc.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class MuslEndToEndTests
{
    private static string Bullseye => Path.Combine(Repo.Root, "tests", "nixpkgs-bullseye");

    // libprobe.so says which C library it runs on; with glibc it asks glibc's own
    // gnu_get_libc_version, which musl does not have. probe-run loads it by path and calls it.
    private static readonly Dictionary<string, string> Probe = new()
    {
        ["probe.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "probe";
              version = "1.0";
              src = ./.;
              buildPhase = ''
                $CC -O2 -shared -fPIC -o libprobe.so probe.c
                $CC -O2 -o probe-run probe-run.c -ldl
              '';
              installPhase = "mkdir -p $out/lib $out/bin && cp libprobe.so $out/lib/ && cp probe-run $out/bin/";
            }
            """,
        ["probe.c"] = """
            #include <stdio.h>
            #ifdef __GLIBC__
            #include <gnu/libc-version.h>
            #endif
            const char *probe(void)
            {
                static char text[64];
            #ifdef __GLIBC__
                snprintf(text, sizeof text, "glibc %s", gnu_get_libc_version());
            #else
                snprintf(text, sizeof text, "musl");
            #endif
                return text;
            }
            """,
        ["probe-run.c"] = """
            #include <dlfcn.h>
            #include <stdio.h>
            int main(int argc, char **argv)
            {
                void *handle = dlopen(argv[1], RTLD_NOW);
                if (!handle) { fprintf(stderr, "%s\n", dlerror()); return 2; }
                const char *(*probe)(void) = (const char *(*)(void))dlsym(handle, "probe");
                printf("probe: %s\n", probe());
                return 0;
            }
            """,
    };

    [TestMethod]
    public async Task A_linux_musl_arm64_library_builds_cross_and_emulated_and_musl_own_loader_loads_it_under_QEMU()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        sample.SaltSource();
        var folder = sample.LibraryNative("linux-musl-arm64");
        var muslRoot = MuslRoot("arm64", "aarch64");

        foreach (var strategy in new[] { "cross", "emulated", "auto" })
        {
            var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-musl-arm64", $"-p:CrossStrategy={strategy}");

            Assert.AreEqual(0, build.ExitCode, build.All);
            StringAssert.Contains(build.StandardOutput, strategy == "emulated" ? "aarch64-linux (musl) -> emulated" : "aarch64-linux (musl) -> cross", strategy);
            await AssertMuslAsync(folder, "linux-musl-arm64", "AArch64", "/lib/ld-musl-aarch64.so.1");
            var run = await Processes.RunAsync("qemu-aarch64-static", ["-L", muslRoot, Path.Combine(folder, "probe-run"), Path.Combine(folder, "libprobe.so")]);
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "probe: musl", $"{strategy}: musl's loader (Debian's musl:arm64) loaded the library and ran it");
        }
    }

    [TestMethod]
    public async Task With_a_nixpkgs_that_has_no_pkgsMusl_auto_rules_the_emulated_musl_candidate_out_and_emulated_is_CROSS0122()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        sample.SaltSource();
        // The offline set without pkgsMusl, as a reduced or custom package set may be.
        var nixpkgs = Path.Combine(sample.Folder, "no-musl-nixpkgs");
        Directory.CreateDirectory(nixpkgs);
        File.WriteAllText(Path.Combine(nixpkgs, "default.nix"), $"args: builtins.removeAttrs (import {CrossSdk.Nix.Expressions.NixString.Path(Repo.OfflineNixpkgs)} args) [ \"pkgsMusl\" ]\n");

        // auto evaluates both candidates in one evaluation: the emulated one reaches the missing
        // pkgsMusl, and must be ruled out, not fail the build (before: CROSS0007 "attribute
        // 'pkgsMusl' missing").
        var auto = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-musl-arm64", "-p:CrossStrategy=auto", $"-p:CrossNixpkgs={nixpkgs}", "-v:n");

        Assert.AreEqual(0, auto.ExitCode, auto.All);
        StringAssert.Contains(auto.StandardOutput, "linux-musl-arm64-emulated is not an option");
        StringAssert.Contains(auto.StandardOutput, "aarch64-linux (musl) -> cross (pkgsCross.aarch64-multiplatform-musl): the emulated build does not evaluate");
        await AssertMuslAsync(sample.LibraryNative("linux-musl-arm64"), "linux-musl-arm64", "AArch64", "/lib/ld-musl-aarch64.so.1");

        // Chosen, the impossible strategy is an error that blames the nixpkgs, not the package items.
        var emulated = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-musl-arm64", "-p:CrossStrategy=emulated", $"-p:CrossNixpkgs={nixpkgs}");

        FailureAssert.AssertFailsWith(emulated, "CROSS0122", "has no pkgsMusl, which linux-musl-arm64 needs", "CrossStrategy=cross");
    }

    [TestMethod]
    public async Task A_linux_musl_arm_library_builds_cross_and_auto_and_musl_own_loader_loads_it_under_QEMU()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        var folder = sample.LibraryNative("linux-musl-arm");

        foreach (var strategy in new[] { "cross", "auto" })
        {
            var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-musl-arm", $"-p:CrossStrategy={strategy}");

            Assert.AreEqual(0, build.ExitCode, build.All);
            await AssertMuslAsync(folder, "linux-musl-arm", "ARM", "/lib/ld-musl-armhf.so.1");
            var run = await Processes.RunAsync("qemu-arm-static", ["-L", MuslRoot("armhf", "armhf"), Path.Combine(folder, "probe-run"), Path.Combine(folder, "libprobe.so")]);
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "probe: musl", $"{strategy}: musl's loader (Debian's musl:armhf) loaded the library and ran it");
        }
    }

    [TestMethod]
    public async Task Each_C_library_loader_loads_its_own_builds_and_refuses_the_other_ones()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");
        sample.AddItems(
            "<CrossTarget Include=\"linux-musl-arm64\" />" +
            $"<CrossTarget Include=\"linux-arm64\" Nixpkgs=\"{System.Security.SecurityElement.Escape(Bullseye)}\" Glibc=\"2.31\" />");

        var build = await sample.DotNetAsync("build", sample.Library);

        Assert.AreEqual(0, build.ExitCode, build.All);
        var musl = sample.LibraryNative("linux-musl-arm64");
        var glibc = sample.LibraryNative("linux-arm64");
        var muslRoot = MuslRoot("arm64", "aarch64");
        var debian11 = TargetRoots.Get("bullseye-arm64", "/lib/ld-linux-aarch64.so.1");

        async Task<ProcessOutput> RunAsync(string root, string programFolder, string libraryFolder) =>
            await Processes.RunAsync("qemu-aarch64-static", ["-L", root, Path.Combine(programFolder, "probe-run"), Path.Combine(libraryFolder, "libprobe.so")]);

        // Each on its own C library: Debian 11's glibc 2.31 (its own loader), Debian 12's musl.
        var glibcOnDebian11 = await RunAsync(debian11, glibc, glibc);
        Assert.AreEqual(0, glibcOnDebian11.ExitCode, glibcOnDebian11.All);
        StringAssert.Contains(glibcOnDebian11.StandardOutput, "probe: glibc 2.31");
        var muslOnMusl = await RunAsync(muslRoot, musl, musl);
        Assert.AreEqual(0, muslOnMusl.ExitCode, muslOnMusl.All);
        StringAssert.Contains(muslOnMusl.StandardOutput, "probe: musl");

        // A musl app loading the glibc library (what the RID graph's fallback does on Alpine): musl's
        // loader takes libc.so.6 for itself, and then lacks glibc's symbols.
        var glibcInMuslApp = await RunAsync(muslRoot, musl, glibc);
        Assert.AreEqual(2, glibcInMuslApp.ExitCode, glibcInMuslApp.All);
        StringAssert.Contains(glibcInMuslApp.StandardError, "gnu_get_libc_version: symbol not found");

        // A glibc app loading the musl library: glibc's loader finds no musl libc.so (on Debian, a
        // linker script of that name).
        var muslInGlibcApp = await RunAsync(debian11, glibc, musl);
        Assert.AreEqual(2, muslInGlibcApp.ExitCode, muslInGlibcApp.All);
        StringAssert.Contains(muslInGlibcApp.StandardError, "libc.so: invalid ELF header");

        // And musl's loader cannot run a glibc program at all: its interpreter is not there.
        var glibcProgramOnMusl = await RunAsync(muslRoot, glibc, glibc);
        Assert.AreNotEqual(0, glibcProgramOnMusl.ExitCode, glibcProgramOnMusl.All);
        StringAssert.Contains(glibcProgramOnMusl.All, "ld-linux-aarch64.so.1");
    }

    /// <summary>Debian 12's musl for an architecture, as eng/setup-host.sh unpacks it.</summary>
    private static string MuslRoot(string debianArch, string loaderArch) =>
        TargetRoots.Get($"musl-bookworm-{debianArch}", $"/lib/ld-musl-{loaderArch}.so.1");

    /// <summary>The shipped files are for the target's machine and link musl: libc.so (musl's loader is its libc), never glibc's libc.so.6.</summary>
    private static async Task AssertMuslAsync(string folder, string rid, string readelfMachine, string loader)
    {
        foreach (var file in new[] { "libprobe.so", "probe-run", "libgreet.so" })
        {
            var path = Path.Combine(folder, file);
            await ElfAssert.IsForAsync(path, rid, readelfMachine);
            var elf = ElfFile.Read(path)!;
            CollectionAssert.Contains(elf.Needed.ToArray(), "libc.so", $"{file} links musl's libc.so");
            Assert.IsFalse(elf.Needed.Any(n => n.StartsWith("libc.so.", StringComparison.Ordinal)), $"{file} needs no glibc: {string.Join(", ", elf.Needed)}");
            Assert.IsNull(Portability.Newest(elf, "GLIBC_"), $"{file} has no glibc symbol versions");
        }

        Assert.AreEqual(loader, ElfFile.Read(Path.Combine(folder, "probe-run"))!.Interpreter);
    }
}
