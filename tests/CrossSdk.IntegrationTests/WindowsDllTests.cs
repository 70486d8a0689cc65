using System.Reflection.PortableExecutable;
using CrossSdk.Artifacts;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>
/// The PE reader on real DLLs made by Debian's MinGW-w64 compilers, the DllImport name rule, the
/// system DLL list and the renaming of imports in a shipped copy.
/// </summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class WindowsDllTests
{
    /// <summary>libbase.dll, and libtop.dll linked against its import library (so it imports libbase.dll by that name).</summary>
    private static async Task<(string Base, string Top)> TwoDllsAsync(string compiler, string directory)
    {
        var baseSource = Path.Combine(directory, "base.c");
        var topSource = Path.Combine(directory, "top.c");
        await File.WriteAllTextAsync(baseSource, "int base_value(void) { return 40; }\n");
        await File.WriteAllTextAsync(topSource, "#include <stdio.h>\nint base_value(void);\nint top_value(void) { printf(\"top\\n\"); return base_value() + 2; }\n");
        var baseDll = Path.Combine(directory, "libbase.dll");
        var topDll = Path.Combine(directory, "libtop.dll");
        var first = await Processes.RunAsync(compiler, ["-shared", "-o", baseDll, baseSource, $"-Wl,--out-implib,{baseDll}.a"]);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var second = await Processes.RunAsync(compiler, ["-shared", "-o", topDll, topSource, $"{baseDll}.a"]);
        Assert.AreEqual(0, second.ExitCode, second.All);
        return (baseDll, topDll);
    }

    [TestMethod]
    [DataRow("x86_64-w64-mingw32-gcc", "win-x64")]
    [DataRow("i686-w64-mingw32-gcc", "win-x86")]
    public async Task Reads_the_machine_imports_and_export_name_of_a_real_DLL(string compiler, string rid)
    {
        using var dir = new TempDirectory();
        var (_, top) = await TwoDllsAsync(compiler, dir.Path);

        var pe = PeFile.Read(top)!;

        Assert.AreEqual(PlatformCatalog.Resolve(rid, "t").PeMachine, pe.Machine);
        Assert.IsTrue(pe.IsDll);
        Assert.AreEqual("libtop.dll", pe.ExportName);
        var imported = pe.Imports.Single(i => i.Dll == "libbase.dll");
        CollectionAssert.Contains(imported.Functions.ToList(), "base_value");
        Assert.IsFalse(imported.Delayed);
        Assert.IsTrue(pe.Imports.Any(i => string.Equals(i.Dll, "KERNEL32.dll", StringComparison.OrdinalIgnoreCase)));
        Assert.IsTrue(pe.Imports.Any(i => string.Equals(i.Dll, "msvcrt.dll", StringComparison.OrdinalIgnoreCase)), "MinGW links msvcrt by default");

        // The same imports as binutils' objdump -p lists them ("DLL Name: ...").
        var objdump = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-p", top]);
        var expected = objdump.StandardOutput.Split('\n').Where(l => l.Contains("DLL Name:", StringComparison.Ordinal)).Select(l => l.Split("DLL Name:")[1].Trim()).Order().ToArray();
        CollectionAssert.AreEqual(expected, pe.Imports.Select(i => i.Dll).Order().ToArray());
    }

    [TestMethod]
    public async Task A_program_is_not_a_DLL()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("main.c", "int main(void) { return 0; }\n");
        var exe = Path.Combine(dir.Path, "main.exe");
        var result = await Processes.RunAsync("x86_64-w64-mingw32-gcc", ["-o", exe, source]);
        Assert.AreEqual(0, result.ExitCode, result.All);

        var pe = PeFile.Read(exe)!;

        Assert.IsFalse(pe.IsDll);
        Assert.AreEqual(PeMachines.Amd64, pe.Machine);
    }

    [TestMethod]
    public void A_file_that_is_not_PE_is_null_and_a_cut_off_one_is_malformed()
    {
        Assert.IsNull(PeFile.Parse([0x7f, (byte)'E', (byte)'L', (byte)'F']));
        Assert.IsNull(PeFile.Parse([]));
        Assert.ThrowsExactly<InvalidDataException>(() => PeFile.Parse([(byte)'M', (byte)'Z', 0, 0, 0, 0, 0, 0]));
    }

    [TestMethod]
    public async Task A_DLL_cut_in_half_is_malformed_not_a_crash()
    {
        using var dir = new TempDirectory();
        var (_, top) = await TwoDllsAsync("x86_64-w64-mingw32-gcc", dir.Path);
        var bytes = File.ReadAllBytes(top);

        Assert.ThrowsExactly<InvalidDataException>(() => PeFile.Parse(bytes[..(bytes.Length / 8)]));
    }

    [TestMethod]
    [DataRow("libgreet.dll", "greet.dll")]
    [DataRow("libgreet-1.dll", "greet.dll")]
    [DataRow("libyaml-0-2.dll", "yaml.dll")]
    [DataRow("libspng-0.dll", "spng.dll")]
    [DataRow("libfoo-bar-3.dll", "foo-bar.dll")]
    [DataRow("libz.dll", "z.dll")]
    [DataRow("zlib1.dll", "zlib1.dll")]
    [DataRow("greet.dll", "greet.dll")]
    [DataRow("helper.exe", "helper.exe")]
    [DataRow("lib.dll", "lib.dll")]
    public void A_DLL_ships_under_the_name_NET_probes_for_its_Linux_DllImport_name(string built, string shipped) =>
        Assert.AreEqual(shipped, WindowsDlls.ShippedName(built));

    [TestMethod]
    [DataRow("KERNEL32.dll", true)]
    [DataRow("msvcrt.dll", true)]
    [DataRow("ucrtbase.dll", true)]
    [DataRow("api-ms-win-crt-runtime-l1-1-0.dll", true)]
    [DataRow("WS2_32.dll", true)]
    [DataRow("libgcc_s_seh-1.dll", false)]
    [DataRow("libwinpthread-1.dll", false)]
    [DataRow("zlib1.dll", false)]
    public void System_DLLs_are_the_ones_every_Windows_has(string dll, bool system) =>
        Assert.AreEqual(system, WindowsDlls.IsSystem(dll));

    [TestMethod]
    public async Task Renaming_an_import_in_a_copy_points_it_at_the_shipped_name()
    {
        using var dir = new TempDirectory();
        var (_, top) = await TwoDllsAsync("x86_64-w64-mingw32-gcc", dir.Path);
        var copy = Path.Combine(dir.Path, "top.dll");
        File.Copy(top, copy);
        var pe = PeFile.Read(copy)!;
        var artifact = new Artifact(null!, null!, top, "top.dll", null) { Pe = pe, BuiltName = "libtop.dll" };

        WindowsPortability.RenameImports(copy, artifact, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["LIBBASE.dll"] = "base.dll" });

        var renamed = PeFile.Read(copy)!;
        CollectionAssert.Contains(renamed.Imports.Select(i => i.Dll).ToList(), "base.dll");
        CollectionAssert.DoesNotContain(renamed.Imports.Select(i => i.Dll).ToList(), "libbase.dll");
        CollectionAssert.Contains(renamed.Imports.Single(i => i.Dll == "base.dll").Functions.ToList(), "base_value");
        var objdump = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-p", copy]);
        StringAssert.Contains(objdump.StandardOutput, "DLL Name: base.dll");
        using var stream = File.OpenRead(copy);
        using var reader = new PEReader(stream);
        Assert.AreEqual(Machine.Amd64, reader.PEHeaders.CoffHeader.Machine, "the rest of the file is untouched");
        Assert.AreEqual(File.ReadAllBytes(top).Length, File.ReadAllBytes(copy).Length);
    }
}
