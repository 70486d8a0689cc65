using System.Reflection.PortableExecutable;

namespace CrossSdk.Tests.Infrastructure;

public static class PeAssert
{
    /// <summary>
    /// The file is a PE DLL for the machine: read with the BCL's PEReader and, independently, with
    /// binutils' objdump -f (whose "architecture:" line names the machine: i386:x86-64, i386).
    /// </summary>
    public static async Task IsDllForAsync(string file, Machine machine, string objdumpArchitecture)
    {
        Assert.IsTrue(File.Exists(file), $"{file} is missing");
        using (var stream = File.OpenRead(file))
        using (var pe = new PEReader(stream))
        {
            Assert.AreEqual(machine, pe.PEHeaders.CoffHeader.Machine, file);
            Assert.IsTrue(pe.PEHeaders.IsDll, $"{file} is not a DLL");
        }

        var objdump = await Processes.RunAsync("x86_64-w64-mingw32-objdump", ["-f", file]);
        Assert.AreEqual(0, objdump.ExitCode, objdump.StandardError);
        StringAssert.Contains(objdump.StandardOutput, $"architecture: {objdumpArchitecture},", file);
    }
}
