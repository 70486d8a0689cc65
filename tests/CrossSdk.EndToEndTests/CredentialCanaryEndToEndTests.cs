using System.Text.RegularExpressions;
using CrossSdk.Doctor;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A canary password in every URL-valued setting, then a search for it everywhere CrossSdk writes:
/// the console (a live build, and its binlog replayed at -v:q/n/d/diag), every file under obj/
/// (the generated Nix included), and CrossDoctor's and CrossPlan's output. The only place it may
/// appear is MSBuild's own listing of the properties and items it was given and of its command
/// line (-v:diag, and a binlog's evaluation), which no MSBuild SDK can leave out.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class CredentialCanaryEndToEndTests
{
    private const string Canary = "Cr3dCanary9Q";

    /// <summary>How MSBuild lists a property or item metadata it was given: "    CrossSubstituters = https://...".</summary>
    private static readonly Regex MSBuildListing = new(@"^\s+(CrossSubstituters|CrossBuilders|CrossCacheUpload|CrossNixpkgs|Nixpkgs) = ", RegexOptions.CultureInvariant);

    /// <summary>The sections of a -v:diag log in which MSBuild lists what it was given.</summary>
    private static readonly Regex ListingHeader = new(@"(Initial Properties|Global Properties|Initial Items|Environment at start of build):\s*$", RegexOptions.CultureInvariant);

    /// <summary>MSBuild's echo of its own command line (-v:diag, and -v:d in a binlog replay), -p: values and all.</summary>
    private static readonly Regex MSBuildCommandLine = new(@"MSBuild\.dll .*--property:", RegexOptions.CultureInvariant);

    private static readonly Regex TimestampedLine = new(@"^\d\d:\d\d:\d\d\.\d+\s+\d+>", RegexOptions.CultureInvariant);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_password_in_every_URL_setting_reaches_no_message_file_or_report_of_CrossSdk()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var w = await SampleWorkspace.CreateAsync();
        w.SaltSource();
        // A signing key whose path looks like a store URL query (it must stay one path).
        var key = Path.Combine(w.Folder, "keys", "a&compression=none");
        Directory.CreateDirectory(Path.GetDirectoryName(key)!);
        File.Copy(cache.SecretKeyFile, key);
        // Port 9 (discard): nothing listens, so Nix warns about the cache, naming its URL.
        string[] settings =
        [
            "-p:CrossTarget=aarch64-linux",
            $"-p:CrossSubstituters=https://user:{Canary}@127.0.0.1:9/cache",
            $"-p:CrossTrustedPublicKeys={cache.PublicKey}",
            $"-p:CrossBuilders=ssh://builder:{Canary}@127.0.0.1:9 riscv64-linux - 1 1 big-parallel",
            $"-p:CrossCacheUpload=https://user:{Canary}@127.0.0.1:9/upload?token={Canary}",
            $"-p:CrossCacheSigningKeyFile={key}",
            "-p:CrossNixOptions=--option download-attempts 1",
        ];
        var binlog = Path.Combine(w.Folder, "build.binlog");

        var build = await w.DotNetAsync(["build", w.Library, .. settings, $"-bl:{binlog}"]);

        Assert.AreEqual(0, build.ExitCode, build.All);
        // The messages that used to carry the password are there, masked: the failed push (CROSS0071).
        StringAssert.Contains(build.StandardOutput, "CROSS0071");
        StringAssert.Contains(build.StandardOutput, "https://user:***@127.0.0.1:9/upload?token=***");
        AssertNoCanary("the console at -v:n", build.All);
        foreach (var verbosity in new[] { "q", "n", "d", "diag" })
        {
            var replay = await w.DotNetAsync("msbuild", binlog, $"-v:{verbosity}", "-nologo");
            Assert.AreEqual(0, replay.ExitCode, replay.All);
            AssertNoCanary($"the binlog replayed at -v:{verbosity}", replay.All);
        }

        var doctor = await w.DotNetAsync(["build", w.Library, "-t:CrossDoctor", .. settings, "-v:diag"]);
        Assert.AreEqual(0, doctor.ExitCode, doctor.All);
        StringAssert.Contains(doctor.StandardOutput, "ssh://builder:***@127.0.0.1:9");
        AssertNoCanary("CrossDoctor at -v:diag", doctor.All);

        var plan = await w.DotNetAsync(["build", w.Library, "-t:CrossPlan", .. settings]);
        Assert.AreEqual(0, plan.ExitCode, plan.All);
        AssertNoCanary("CrossPlan", plan.All);

        AssertNoCanaryIn(Path.Combine(w.Library, "obj"));
        TestContext.WriteLine(Filtered(build.StandardOutput, "***"));
    }

    [TestMethod]
    public async Task A_token_in_a_nixpkgs_flake_reference_or_Nixpkgs_metadata_stays_out_of_the_generated_Nix_and_the_error()
    {
        using var w = await SampleWorkspace.CreateAsync();
        w.SaltSource();
        w.AddItems($"""<CrossTarget Include="riscv64-linux" Nixpkgs="https://user:{Canary}@127.0.0.1:9/nixpkgs.tar.gz" />""");
        var binlog = Path.Combine(w.Folder, "build.binlog");

        var build = await w.DotNetAsync("build", w.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossNixpkgs=git+https://x-access-token:{Canary}@127.0.0.1:9/nixpkgs.git", "-v:diag", $"-bl:{binlog}");

        Assert.AreNotEqual(0, build.ExitCode, "nixpkgs cannot be fetched from a port nothing listens on");
        StringAssert.Contains(build.StandardOutput, "x-access-token:***@127.0.0.1:9");
        AssertNoCanary("the console at -v:diag", build.All);
        var replay = await w.DotNetAsync("msbuild", binlog, "-v:diag", "-nologo");
        AssertNoCanary("the binlog replayed at -v:diag", replay.All);
        var generated = Directory.GetFiles(w.LibraryCross(), "*.nix");
        Assert.IsTrue(generated.Length > 0, "the Nix expression was generated");
        StringAssert.Contains(string.Concat(generated.Select(File.ReadAllText)), "builtins.getEnv \"CROSSSDK_CREDENTIAL_", "the reference is read from the environment");
        AssertNoCanaryIn(Path.Combine(w.Library, "obj"));
    }

    /// <summary>The canary may appear only where MSBuild lists the properties and items it was given.</summary>
    private static void AssertNoCanary(string where, string output)
    {
        var inListing = false;
        foreach (var line in output.Split('\n'))
        {
            if (ListingHeader.IsMatch(line))
            {
                inListing = true;
                continue;
            }

            if (TimestampedLine.IsMatch(line) || (line.Length > 0 && !char.IsWhiteSpace(line[0])))
            {
                inListing = false;
            }

            if (line.Contains(Canary, StringComparison.Ordinal))
            {
                Assert.IsTrue((inListing && MSBuildListing.IsMatch(line)) || MSBuildCommandLine.IsMatch(line), $"{where} shows the password outside MSBuild's own listing of its properties:\n{line}");
            }
        }
    }

    private static void AssertNoCanaryIn(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null).ToList();
        Assert.IsTrue(files.Count > 0, $"{folder} has files");
        foreach (var file in files)
        {
            Assert.IsFalse(File.ReadAllText(file).Contains(Canary, StringComparison.Ordinal), $"{file} holds the password");
        }
    }

    private static string Filtered(string output, string fragment) =>
        string.Join("\n", output.Split('\n').Where(l => l.Contains(fragment, StringComparison.Ordinal)));
}
