using System.Reflection;
using System.Runtime.InteropServices;

namespace Greet.Tests;

[TestClass]
public sealed class GreeterTests
{
    /// <summary>The architecture of the RID the tests were built for (this machine's for a portable build).</summary>
    private static Architecture Expected =>
        typeof(GreeterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuiltForRuntimeIdentifier")?.Value switch
        {
            "linux-arm64" or "linux-musl-arm64" => Architecture.Arm64,
            "linux-arm" => Architecture.Arm,
            "linux-x64" or "linux-musl-x64" => Architecture.X64,
            _ => RuntimeInformation.OSArchitecture,
        };

    [TestMethod]
    public void The_native_library_greets_by_name()
    {
        StringAssert.StartsWith(Greeter.Hello("tests"), "Hello, tests, from native code built for ");
    }

    [TestMethod]
    public void The_tests_run_on_the_architecture_they_were_built_for()
    {
        Assert.AreEqual(Expected, RuntimeInformation.ProcessArchitecture);
    }

    [TestMethod]
    public void The_native_library_was_compiled_for_the_process_architecture()
    {
        var expected = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "aarch64",
            Architecture.Arm => "arm",
            Architecture.X64 => "x86_64",
            Architecture.X86 => "i686",
            var other => other.ToString(),
        };
        Assert.AreEqual(expected, Greeter.NativeArchitecture);
    }
}
