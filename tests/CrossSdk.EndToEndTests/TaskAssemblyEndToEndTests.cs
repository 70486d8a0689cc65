using System.IO.Compression;
using System.Reflection.PortableExecutable;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The package's two copies of the task assembly: plain IL for every host, ReadyToRun for an x64
/// MSBuild on Linux (x64 R2R code does not load on arm64), and the build here loading the second.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class TaskAssemblyEndToEndTests
{
    [TestMethod]
    public async Task The_package_has_a_plain_copy_of_the_task_assembly_for_every_host_and_a_ReadyToRun_copy_for_linux_x64()
    {
        var (feed, _) = await SdkFeed.GetAsync();
        using var zip = ZipFile.OpenRead(Directory.GetFiles(feed, "*.nupkg").Single());
        var plain = Copy(zip, "tools/net8.0/");
        var readyToRun = Copy(zip, "tools/net8.0-linux-x64/");

        CollectionAssert.AreEquivalent(plain.Keys.ToList(), readyToRun.Keys.ToList(), "both copies hold the same files");
        CollectionAssert.IsSubsetOf(new[] { "CrossSdk.Tasks.dll", "CliWrap.dll", "CrossSdk.Tasks.deps.json" }, plain.Keys.ToList());
        foreach (var (name, bytes) in plain.Where(f => f.Key.EndsWith(".dll", StringComparison.Ordinal)))
        {
            Assert.IsFalse(HasReadyToRunCode(bytes), $"tools/net8.0/{name} is plain IL, which every host can load");
            Assert.IsTrue(HasReadyToRunCode(readyToRun[name]), $"tools/net8.0-linux-x64/{name} has ReadyToRun code");
        }
    }

    [TestMethod]
    public async Task An_x64_MSBuild_on_Linux_loads_the_ReadyToRun_copy()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var evaluation = await sample.DotNetAsync("msbuild", Path.Combine(sample.Library, "Greet.csproj"), "-restore", "-getProperty:CrossSdkTasksAssembly");

        Assert.AreEqual(0, evaluation.ExitCode, evaluation.All);
        StringAssert.EndsWith(evaluation.StandardOutput.Trim().Replace('\\', '/'), "/tools/net8.0-linux-x64/CrossSdk.Tasks.dll");
    }

    private static Dictionary<string, byte[]> Copy(ZipArchive zip, string folder) =>
        zip.Entries
            .Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && !e.FullName[folder.Length..].Contains('/'))
            .ToDictionary(e => e.FullName[folder.Length..], Read, StringComparer.Ordinal);

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A ReadyToRun image has a managed native header (the READYTORUN_HEADER) in its CLI header; an IL-only one has none.</summary>
    private static bool HasReadyToRunCode(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
