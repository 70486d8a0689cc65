using System.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

[TestClass]
[TestCategory("EndToEnd")]
public sealed class CancellationEndToEndTests
{
    [TestMethod]
    public async Task Ctrl_C_stops_nix_and_its_builder_and_copies_nothing()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var marker = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(sample.Library, "native", "slow.nix"), $$"""
            { stdenv }:
            stdenv.mkDerivation {
              pname = "slow";
              version = "1";
              dontUnpack = true;
              buildPhase = "echo building; sleep {{marker}}";
              installPhase = "mkdir -p $out/lib";
            }
            """);
        var project = Path.Combine(sample.Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<CrossPackage Include=\"native/greet.nix\" />",
            "<CrossPackage Include=\"native/greet.nix\" /><CrossPackage Include=\"native/slow.nix\" />",
            StringComparison.Ordinal));

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = sample.Library, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", "-nodeReuse:false", "-p:CrossTarget=aarch64-linux", "-p:CrossNixKillTimeout=20" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        _ = build.StandardError.ReadToEndAsync();

        Assert.IsTrue(await WaitUntilAsync(() => BuilderRunning(marker), TimeSpan.FromMinutes(3)), "the slow builder never started");
        var interrupted = Stopwatch.StartNew();
        Assert.AreEqual(0, (await Processes.RunAsync("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);

        Assert.IsTrue(await WaitUntilAsync(() => build.HasExited, TimeSpan.FromSeconds(60)), "dotnet build did not stop after SIGINT");
        Assert.IsTrue(await WaitUntilAsync(() => !BuilderRunning(marker), TimeSpan.FromSeconds(15)), "the builder outlived the build");
        Assert.IsTrue(interrupted.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {interrupted.Elapsed}, longer than the kill timeout: SIGINT did not work");
        Assert.AreNotEqual(0, build.ExitCode);
        var outDir = sample.LibraryCross("out");
        Assert.IsFalse(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Any(), "nothing was copied:\n" + await output);
        Assert.IsFalse(File.Exists(sample.LibraryCross("manifest.json")), "no manifest claims a finished build");
    }

    private static bool BuilderRunning(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Any(f =>
            {
                try
                {
                    return File.Exists(f) && File.ReadAllText(f).Replace('\0', ' ').Contains($"sleep {marker}", StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            });

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }
}
