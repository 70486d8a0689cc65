using CrossSdk.Artifacts;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Binaries built by Nix that must run outside it: store paths rewritten in the shipped copies,
/// closure libraries shipped beside them, glibc requirements reported and checked.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class PortabilityEndToEndTests
{
    // A program as nixpkgs builds them: its interpreter is a loader in the store and its RUNPATH
    // names zlib's store path (stdenv adds -rpath for each build input).
    private static readonly Dictionary<string, string> ZHello = new()
    {
        ["zhello.nix"] = """
            { stdenv, zlib }:
            stdenv.mkDerivation {
              pname = "zhello";
              version = "1.0";
              src = ./.;
              buildInputs = [ zlib ];
              buildPhase = "$CC -O2 -o zhello zhello.c -lz";
              installPhase = ''
                mkdir -p $out/bin $out/libexec
                cp zhello $out/bin/
                cp /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 $out/libexec/
                patchelf --set-interpreter $out/libexec/ld-linux-aarch64.so.1 $out/bin/zhello
              '';
            }
            """,
        ["zhello.c"] = """
            #include <stdio.h>
            #include <zlib.h>
            int main(void) { printf("zhello uses zlib %s\n", zlibVersion()); return 0; }
            """,
    };

    [TestMethod]
    public async Task Rewrite_gives_the_shipped_copy_the_standard_interpreter_an_ORIGIN_runpath_and_its_libraries()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("zhello", ZHello, "zhello/zhello.nix", "Collect=\"bin/*\"");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");

        Assert.AreEqual(0, build.ExitCode, build.All);
        var folder = sample.LibraryNative("linux-arm64");
        var shipped = ElfFile.Read(Path.Combine(folder, "zhello"))!;
        Assert.AreEqual("/lib/ld-linux-aarch64.so.1", shipped.Interpreter);
        CollectionAssert.AreEqual(new[] { "$ORIGIN" }, shipped.RunPath.ToArray());
        await ElfAssert.IsForAsync(Path.Combine(folder, "libz.so.1"), "aarch64-linux", "AArch64");

        var original = await sample.EvalGeneratedAsync("linux-arm64--zhello--out.outPath");
        StringAssert.StartsWith(ElfFile.Read(Path.Combine(original, "bin", "zhello"))!.Interpreter, "/nix/store/", "the store's file is untouched");

        var run = await Processes.RunAsync("qemu-aarch64-static", [Path.Combine(folder, "zhello")],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" });
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "zhello uses zlib 1.2.13");
    }

    [TestMethod]
    public async Task Check_fails_on_a_store_path_naming_the_file_and_the_path()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("zhello", ZHello, "zhello/zhello.nix", "Collect=\"bin/*\"");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossPortability=check");

        FailureAssert.AssertFailsWith(build, "CROSS0017", "runtimes/linux-arm64/native/zhello (/nix/store/", "-zhello-aarch64-unknown-linux-gnu-1.0/libexec/ld-linux-aarch64.so.1");
    }

    [TestMethod]
    public async Task A_library_newer_than_the_glibc_floor_is_CROSS0019_naming_file_and_symbol()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("fresh", TestPackages.Fresh("#include <stdlib.h>\nunsigned int fresh_random(void) { return arc4random(); }\n"), "fresh/fresh.nix");

        var reported = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, reported.ExitCode, reported.All);
        StringAssert.Contains(reported.StandardOutput, "runtimes/linux-arm64/native/libfresh.so needs GLIBC_2.36");
        StringAssert.Contains(reported.StandardOutput, "runtimes/linux-arm64/native/libgreet.so needs GLIBC_2.17");

        var floored = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossGlibcFloor=2.28");
        FailureAssert.AssertFailsWith(floored, "CROSS0019", "runtimes/linux-arm64/native/libfresh.so needs GLIBC_2.36 (for arc4random)");
        Assert.IsFalse(floored.StandardOutput.Contains("libgreet.so needs GLIBC_2.17 (for", StringComparison.Ordinal), "libgreet is within the floor");
    }

    [TestMethod]
    public async Task A_nixpkgs_attribute_ships_that_package_libraries_for_the_target()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("unused", new Dictionary<string, string>(), "zlib");

        var build = await sample.DotNetAsync("build", sample.App, "-p:CrossTargets=\"aarch64-linux,riscv64-linux\"");

        Assert.AreEqual(0, build.ExitCode, build.All);
        foreach (var (rid, target, machine) in new[] { ("linux-arm64", "aarch64-linux", "AArch64"), ("linux-riscv64", "riscv64-linux", "RISC-V") })
        {
            var folder = Path.Combine(sample.AppOutput(), "runtimes", rid, "native");
            await ElfAssert.IsForAsync(Path.Combine(folder, "libz.so.1"), target, machine);
            await ElfAssert.IsForAsync(Path.Combine(folder, "libz.so"), target, machine);
            Assert.IsFalse(File.Exists(Path.Combine(folder, "libz.so.1.2.13")), "the fully versioned name is not shipped");
        }
    }
}
