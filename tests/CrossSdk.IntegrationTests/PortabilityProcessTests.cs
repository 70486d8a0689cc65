using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>Portability facts read from real files the compilers make.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class PortabilityProcessTests
{
    [TestMethod]
    public async Task Reads_interpreter_needed_runpath_and_versioned_imports_of_a_real_executable()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("p.c", "#include <stdlib.h>\n#include <stdio.h>\nint main(void) { printf(\"%u\\n\", arc4random()); return 0; }\n");
        var exe = Path.Combine(dir.Path, "p");
        var cc = await Processes.RunAsync("aarch64-linux-gnu-gcc", ["-o", exe, source, "-Wl,-rpath,/nix/store/00000000000000000000000000000000-zlib/lib:/opt/x"]);
        Assert.AreEqual(0, cc.ExitCode, cc.StandardError);

        var elf = ElfFile.Read(exe)!;

        Assert.AreEqual("/lib/ld-linux-aarch64.so.1", elf.Interpreter);
        CollectionAssert.Contains(elf.Needed.ToList(), "libc.so.6");
        CollectionAssert.AreEqual(new[] { "/nix/store/00000000000000000000000000000000-zlib/lib", "/opt/x" }, elf.RunPath.ToArray());
        CollectionAssert.Contains(elf.RequiredVersions.ToList(), "GLIBC_2.36");
        CollectionAssert.Contains(elf.VersionedImports.ToList(), ("arc4random", "GLIBC_2.36"));
        Assert.AreEqual((new Version(2, 36), "arc4random"), Portability.Newest(elf, "GLIBC_"));
        CollectionAssert.AreEqual(new[] { "/nix/store/00000000000000000000000000000000-zlib/lib" }, Portability.StorePathsIn(elf).ToArray());
    }

    [TestMethod]
    public async Task Tells_glibc_from_musl_files_of_one_machine()
    {
        using var dir = new TempDirectory();
        // Libraries that call the C library (one that calls nothing needs no libc, and says nothing).
        var source = dir.Write("say.c", "#include <stdio.h>\nvoid say(void) { puts(\"hi\"); }\n");
        foreach (var (cc, name) in new[] { ("gcc", "libg.so"), ("musl-gcc", "libmusl.so") })
        {
            var built = await Processes.RunAsync(cc, ["-shared", "-fPIC", "-o", Path.Combine(dir.Path, name), source]);
            Assert.AreEqual(0, built.ExitCode, built.StandardError);
        }

        var glibc = ElfFile.Read(Path.Combine(dir.Path, "libg.so"))!;
        var musl = ElfFile.Read(Path.Combine(dir.Path, "libmusl.so"))!;
        Assert.AreEqual(glibc.Identity, musl.Identity, "same machine, class and byte order");

        Assert.IsNull(ArtifactCollector.LibcMismatch(glibc, PlatformCatalog.Resolve("linux-x64", "t")));
        Assert.IsNull(ArtifactCollector.LibcMismatch(musl, PlatformCatalog.Resolve("linux-musl-x64", "t")));
        Assert.AreEqual("links against glibc, but the target is musl", ArtifactCollector.LibcMismatch(glibc, PlatformCatalog.Resolve("linux-musl-x64", "t")));
        Assert.AreEqual("links against musl, but the target is glibc", ArtifactCollector.LibcMismatch(musl, PlatformCatalog.Resolve("linux-x64", "t")));
    }
}
