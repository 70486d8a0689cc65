using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class PortabilityTests
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
    [DataRow("libc.so.6", true)]
    [DataRow("libm.so.6", true)]
    [DataRow("libpthread.so.0", true)]
    [DataRow("ld-linux-aarch64.so.1", true)]
    [DataRow("libc.musl-x86_64.so.1", true)]
    [DataRow("libz.so.1", false)]
    [DataRow("libstdc++.so.6", false)]
    [DataRow("libgcc_s.so.1", false)]
    public void Knows_the_C_runtime(string soname, bool isRuntime) =>
        Assert.AreEqual(isRuntime, Portability.IsCRuntime(soname));

    [TestMethod]
    public void Every_glibc_and_musl_target_has_a_standard_interpreter()
    {
        foreach (var target in PlatformCatalog.All.Where(t => !(t.IsMusl && t.NixSystem is "armv7l-linux" or "s390x-linux" or "loongarch64-linux")))
        {
            StringAssert.StartsWith(Portability.StandardInterpreter(target), "/lib");
        }
    }

    [TestMethod]
    public void Settings_are_parsed_or_CROSS0020()
    {
        Assert.AreEqual(PortabilityMode.Rewrite, Portability.ParseMode(""));
        Assert.AreEqual(PortabilityMode.Check, Portability.ParseMode("Check"));
        Assert.AreEqual(new Version(2, 28), Portability.ParseFloor("2.28"));
        Assert.IsNull(Portability.ParseFloor(" "));
        Assert.AreEqual(DiagnosticCodes.InvalidPortability, Assert.ThrowsExactly<CrossException>(() => Portability.ParseMode("fix")).Code);
        Assert.AreEqual(DiagnosticCodes.InvalidPortability, Assert.ThrowsExactly<CrossException>(() => Portability.ParseFloor("new")).Code);
    }
}
