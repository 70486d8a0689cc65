using CrossSdk.Artifacts;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Infrastructure;

public static class ElfAssert
{
    /// <summary>
    /// The file is an ELF file for the target: checked with CrossSdk's reader and, independently,
    /// with binutils' readelf.
    /// </summary>
    public static async Task IsForAsync(string file, string target, string readelfMachine)
    {
        Assert.IsTrue(File.Exists(file), $"{file} is missing");
        var elf = ElfFile.Read(file);
        Assert.IsNotNull(elf, $"{file} is not an ELF file");
        Assert.AreEqual(PlatformCatalog.Resolve(target, "test").Elf, elf.Identity, file);

        var readelf = await Processes.RunAsync("readelf", ["-h", file]);
        Assert.AreEqual(0, readelf.ExitCode, readelf.StandardError);
        StringAssert.Matches(readelf.StandardOutput, new System.Text.RegularExpressions.Regex($@"Machine:\s+{System.Text.RegularExpressions.Regex.Escape(readelfMachine)}\s*\n"), file);
    }
}
