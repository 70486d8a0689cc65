using System.IO.Compression;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// samples/ci/github-actions.yml: valid against GitHub's workflow schema (@action-validator/cli,
/// installed by eng/setup-host.sh from eng/ci-validator), and its build and pack steps' scripts,
/// run here as the workflow runs them, build a target, push it to a team cache, and pack every
/// target's native files with the outputs fetched from that cache.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class CiTemplateEndToEndTests
{
    private static string Template => Path.Combine(Repo.Samples, "ci", "github-actions.yml");

    private static string Validator => Path.Combine(Repo.Root, "eng", "ci-validator", "node_modules", ".bin", "action-validator");

    [TestMethod]
    public async Task The_CI_template_is_a_valid_GitHub_Actions_workflow_and_a_broken_copy_is_not()
    {
        Assert.IsTrue(File.Exists(Validator), $"{Validator} is missing: run eng/setup-host.sh (it runs npm ci in eng/ci-validator).");

        var valid = await Processes.RunAsync(Validator, [Template]);
        Assert.AreEqual(0, valid.ExitCode, valid.All);

        using var temp = new TempDirectory();
        var broken = temp.Write("broken.yml", File.ReadAllText(Template).Replace("runs-on:", "runs_on:", StringComparison.Ordinal));
        var invalid = await Processes.RunAsync(Validator, [broken]);
        Assert.AreNotEqual(0, invalid.ExitCode, "the validator must reject a workflow whose jobs lack runs-on:\n" + invalid.All);
    }

    [TestMethod]
    public async Task The_templates_build_step_pushes_to_the_cache_and_its_pack_step_packs_every_target_fetched_from_it()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();
        using var runner = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["PROJECT"] = Path.Combine(sample.Library, "Greet.csproj"),
            ["NIXPKGS"] = Repo.OfflineNixpkgs,
            ["CROSS_CACHE_URL"] = cache.Url,
            ["CROSS_CACHE_PUBLIC_KEY"] = cache.PublicKey,
            ["RUNNER_TEMP"] = runner.Path,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        var build = await Processes.RunAsync("bash", ["-c", WorkflowSteps.RunScript(Template, "build")], sample.Root, new Dictionary<string, string?>(environment)
        {
            ["TARGET"] = "aarch64-linux",
            ["CROSS_CACHE_UPLOAD_URL"] = cache.Url,
            ["CROSS_CACHE_SIGNING_KEY"] = File.ReadAllText(cache.SecretKeyFile).Trim(),
        });

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, $"CrossSdk: pushed ");
        Assert.IsFalse(build.All.Contains(cache.SecretKeyMaterial, StringComparison.Ordinal), "the secret key is in the build's output");
        Assert.AreEqual(0, Directory.GetFiles(runner.Path).Length, "the key file is removed after the build");
        var greet = BinaryCacheFixture.RootedPaths(sample.LibraryCross("gcroots"), "greet-aarch64");
        await BinaryCacheFixture.DeleteFromStoreAsync(sample.LibraryCross("gcroots"), greet);

        var pack = await Processes.RunAsync("bash", ["-c", WorkflowSteps.RunScript(Template, "pack")], sample.Root, new Dictionary<string, string?>(environment)
        {
            ["TARGETS"] = "aarch64-linux,x86_64-linux",
            ["OUT"] = Path.Combine(runner.Path, "nupkg"),
        });

        Assert.AreEqual(0, pack.ExitCode, pack.All);
        var package = Directory.GetFiles(Path.Combine(runner.Path, "nupkg"), "*.nupkg").Single();
        using (var zip = ZipFile.OpenRead(package))
        {
            var native = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("runtimes/", StringComparison.Ordinal)).ToList();
            CollectionAssert.IsSubsetOf(new[] { "runtimes/linux-arm64/native/libgreet.so", "runtimes/linux-x64/native/libgreet.so" }, native, string.Join("\n", native));
        }

        var origin = await BinaryCacheFixture.OriginAsync(greet[0]);
        Assert.IsFalse(origin.BuiltHere, "the pack job fetched the aarch64 output the build job pushed");
        CollectionAssert.Contains(origin.SignedBy.ToList(), cache.KeyName);
    }
}
