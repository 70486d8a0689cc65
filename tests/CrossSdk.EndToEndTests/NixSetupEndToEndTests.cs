using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A broken Nix set-up, through the real dotnet and nix: its own code naming the Nix setting,
/// never CROSS0007 ("fix the Nix file") or CROSS0008 (blaming the package).
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class NixSetupEndToEndTests
{
    // The offline settings the run has (eng/nix-env.sh), without some (an extra- line appends,
    // so only leaving it out takes it away) and with lines added (a later line wins).
    private static Dictionary<string, string?> NixConfigWith(string lines, string? without = null) => new()
    {
        ["NIX_CONFIG"] = string.Join("\n", (Environment.GetEnvironmentVariable("NIX_CONFIG") ?? "").Split('\n')
            .Where(l => without is null || !l.TrimStart().StartsWith(without, StringComparison.Ordinal))) + "\n" + lines,
    };

    // A change to the source makes a derivation Nix has not built yet, so Nix must build.
    private static void ChangeSource(SampleWorkspace sample) =>
        File.AppendAllText(Path.Combine(sample.Library, "native", "greet.c"), $"\n/* {Guid.NewGuid()} */\n");

    [TestMethod]
    public async Task A_missing_build_users_group_is_CROSS0050_naming_the_setting_not_the_package()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        ChangeSource(sample);

        var build = await DotNet.RunAsync(sample.Root, NixConfigWith("build-users-group = crosssdk-no-such-group"), "build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0050", "the group 'crosssdk-no-such-group' specified in 'build-users-group' does not exist");
        Assert.IsFalse(build.StandardOutput.Contains("CROSS0007", StringComparison.Ordinal), build.StandardOutput);
        Assert.IsFalse(build.StandardOutput.Contains("CROSS0008", StringComparison.Ordinal), build.StandardOutput);
        Assert.IsFalse(build.StandardOutput.Contains("Fix the Nix file", StringComparison.Ordinal), build.StandardOutput);
    }

    [TestMethod]
    public async Task A_sandbox_without_the_offline_sets_paths_is_CROSS0051_naming_extra_sandbox_paths_in_plain_text()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        ChangeSource(sample);

        // The offline set's builders are Debian's /bin/bash: the sandbox hides them without
        // extra-sandbox-paths (the case of the sweep in CrossSdk issue 9).
        var build = await DotNet.RunAsync(sample.Root, NixConfigWith("sandbox = true", without: "extra-sandbox-paths"), "build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0051", "executing '/bin/bash': No such file or directory", "extra-sandbox-paths");
        Assert.IsFalse(build.StandardOutput.Contains("CROSS0008", StringComparison.Ordinal), build.StandardOutput);
        Assert.IsFalse(build.StandardOutput.Any(c => c < ' ' && c is not '\n' and not '\r' and not '\t'), "no raw bytes in the output");
    }

    [TestMethod]
    public async Task An_unreachable_daemon_is_CROSS0052_naming_NIX_REMOTE()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var socket = Path.Combine(sample.Root, "no-daemon", "socket");
        var environment = NixConfigWith("");
        environment["NIX_REMOTE"] = "daemon";
        environment["NIX_DAEMON_SOCKET_PATH"] = socket;

        var build = await DotNet.RunAsync(sample.Root, environment, "build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0052", socket, "NIX_REMOTE");
        Assert.IsFalse(build.StandardOutput.Contains("CROSS0007", StringComparison.Ordinal), build.StandardOutput);
    }

    [TestMethod]
    public async Task A_throw_in_a_package_file_names_the_file()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var packageFile = Path.Combine(sample.Library, "native", "greet.nix");
        var text = File.ReadAllText(packageFile);
        var body = text.IndexOf("stdenv.mkDerivation", StringComparison.Ordinal);
        Assert.IsTrue(body > 0, text);
        File.WriteAllText(packageFile, text[..body] + "throw \"greet needs a newer zlib\" // " + text[body..]);

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0007", "greet needs a newer zlib", packageFile + "(");
    }
}
