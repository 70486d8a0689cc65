using System.Diagnostics;
using System.Text.RegularExpressions;
using CliWrap;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// What a person sees while Nix builds something slow under QEMU, through the real `dotnet build`:
/// with the console logger (CI, piped output) and with the terminal logger in a pseudo-terminal.
/// The package sleeps 25 s in its emulated builder and prints nothing meanwhile, as a compiler
/// under QEMU does.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed partial class ProgressEndToEndTests
{
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task Piped_console_output_names_each_derivation_and_says_where_Nix_stands_at_least_every_15_seconds()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        AddSlowPackage(sample);

        var (exitCode, lines) = await StreamAsync(sample.Root, "dotnet", "build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated", "-tl:off", "-nodeReuse:false");

        var all = string.Join("\n", lines.Select(l => $"{l.At.TotalSeconds,6:0.0} | {l.Text}"));
        Assert.AreEqual(0, exitCode, all);
        var start = lines.FindIndex(l => l.Text.Contains("CrossSdk: building slow-1.0 for aarch64-linux under QEMU (", StringComparison.Ordinal));
        var end = lines.FindIndex(l => l.Text.Contains("CrossSdk: Nix built ", StringComparison.Ordinal));
        Assert.IsTrue(start >= 0 && end > start, "a start line for the slow derivation, then the summary:\n" + all);

        var progress = lines.Take(end + 1).Skip(start).Where(l => l.Text.Contains("CrossSdk: ", StringComparison.Ordinal)).ToList();
        var statusWhileSlowRuns = progress.Count(l => l.Text.Contains("CrossSdk: Nix at ", StringComparison.Ordinal) && l.Text.Contains("running slow-1.0 for aarch64-linux under QEMU (", StringComparison.Ordinal));
        Assert.IsTrue(statusWhileSlowRuns >= 2, "status lines while the slow build runs:\n" + all);
        foreach (var (previous, next) in progress.Zip(progress.Skip(1)))
        {
            Assert.IsTrue(next.At - previous.At <= MaxGap, $"{(next.At - previous.At).TotalSeconds:0.0} s of silence before '{next.Text}':\n{all}");
        }

        Assert.IsFalse(lines.Any(l => l.Text.Contains("slow-1.0> ", StringComparison.Ordinal)), "build output stays at low importance:\n" + all);
    }

    [TestMethod]
    public async Task Under_the_terminal_logger_the_CrossBuild_line_counts_the_seconds_while_Nix_builds()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        AddSlowPackage(sample);
        var command = $"stty cols 160 rows 40; dotnet build '{sample.Library}' -p:CrossTarget=aarch64-linux -p:CrossStrategy=emulated -tl:on -nodeReuse:false";

        var (exitCode, lines) = await StreamAsync(sample.Root, "script", "-qfec", command, "/dev/null");

        var screen = lines.Select(l => (l.At, Text: Ansi().Replace(l.Text, ""))).ToList();
        var all = string.Join("\n", screen.Select(l => $"{l.At.TotalSeconds,6:0.0} | {l.Text}"));
        Assert.AreEqual(0, exitCode, all);
        StringAssert.Contains(all, "Build succeeded");

        // The terminal logger redraws its line for the running target several times a second; no
        // task can put text there (dotnet/msbuild#6944), but the target and its seconds are live.
        // A redraw that only changes the seconds rewrites only them: "(12.3s)" belongs to the target drawn last.
        var readings = new List<(TimeSpan At, double Seconds)>();
        string? target = null;
        foreach (var (at, text) in screen)
        {
            if (NodeLine().Match(text) is { Success: true } m)
            {
                target = m.Groups[1].Success ? m.Groups[1].Value : target;
                if (target == "CrossBuild")
                {
                    readings.Add((at, double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }

        Assert.IsTrue(readings.Count > 0 && readings.Max(r => r.Seconds) >= 25, "the CrossBuild line stays on screen while the 25 s build runs:\n" + all);
        foreach (var (previous, next) in readings.Zip(readings.Skip(1)))
        {
            Assert.IsTrue(next.At - previous.At <= MaxGap, $"the CrossBuild line was not redrawn for {(next.At - previous.At).TotalSeconds:0.0} s:\n{all}");
        }
    }

    [TestMethod]
    public async Task A_toolchain_Nix_must_compile_is_announced_once_before_the_build_and_not_when_it_is_there()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        using var nixpkgs = new TempDirectory();

        // The offline set's cross gcc wrapper, renamed as nixpkgs names an unwrapped cross gcc and
        // salted: to Nix, a compiler it has never built. (The offline set cannot compile a real gcc.)
        nixpkgs.Write("default.nix", $$"""
            args: import {{Repo.OfflineNixpkgs}} (args // { overlays = (args.overlays or [ ]) ++ [ (import ./gcc-from-source.nix) ]; })
            """);
        nixpkgs.Write("gcc-from-source.nix", $$"""
            self: super: {
              gcc = if super.gcc12.targetPrefix == "" then super.gcc else
                derivation (super.gcc12.drvAttrs // { name = "${super.gcc12.targetPrefix}gcc-12.2.0"; crossSdkSalt = "{{Guid.NewGuid():N}}"; })
                // { inherit (super.gcc12) targetPrefix isGNU version; };
            }
            """);
        string[] build = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross", $"-p:CrossNixpkgs={nixpkgs.Path}"];

        var first = await sample.DotNetAsync(build);

        Assert.AreEqual(0, first.ExitCode, first.All);
        var lines = first.StandardOutput.Split('\n');
        var notice = lines.Where(l => l.Contains("no binary cache has the cross toolchain", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, notice.Count, first.StandardOutput);
        StringAssert.Contains(notice[0], "aarch64-linux: no binary cache has the cross toolchain, so Nix will compile it before your packages (aarch64-unknown-linux-gnu-gcc-12.2.0)");
        Assert.IsTrue(Array.FindIndex(lines, l => l.Contains("CrossSdk: building ", StringComparison.Ordinal)) > Array.IndexOf(lines, notice[0]), "said before the build starts:\n" + first.StandardOutput);

        sample.SaltSource();
        var second = await sample.DotNetAsync(build);

        Assert.AreEqual(0, second.ExitCode, second.All);
        StringAssert.Contains(second.StandardOutput, "CrossSdk: building greet-aarch64-unknown-linux-gnu-1.0.0 for aarch64-linux (1 of 1)");
        Assert.IsFalse(second.StandardOutput.Contains("no binary cache has", StringComparison.Ordinal), "the toolchain is in the store now:\n" + second.StandardOutput);
    }

    /// <summary>A package that builds for 25 s in the emulated builder and prints nothing meanwhile, salted so Nix builds it.</summary>
    private static void AddSlowPackage(SampleWorkspace sample) => sample.AddPackage("native/slow", new Dictionary<string, string>
    {
        ["slow.nix"] = $$"""
            # Silent for 25 s, like a compiler under QEMU; then a real library for the target.
            { stdenv }:
            stdenv.mkDerivation {
              pname = "slow";
              version = "1.0";
              src = ./.;
              salt = "{{Guid.NewGuid():N}}";
              buildPhase = "sleep 25; $CC -O2 -fPIC -shared -o libslow.so slow.c";
              installPhase = "mkdir -p $out/lib && cp libslow.so $out/lib/";
            }
            """,
        ["slow.c"] = "int slow(void) { return 25; }\n",
    }, "native/slow/slow.nix");

    /// <summary>Runs a command and records each line of its output with the time it arrived.</summary>
    private static async Task<(int ExitCode, List<(TimeSpan At, string Text)> Lines)> StreamAsync(string workingDirectory, string executable, params string[] arguments)
    {
        var lines = new List<(TimeSpan, string)>();
        var clock = Stopwatch.StartNew();
        void Add(string line)
        {
            lock (lines)
            {
                lines.Add((clock.Elapsed, line));
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_UI_LANGUAGE"] = "en",
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["MSBUILDTERMINALLOGGER"] = null,
                ["TERM"] = "xterm-256color",
            })
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Add))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Add))
            .ExecuteAsync(timeout.Token);
        return (result.ExitCode, lines);
    }

    [GeneratedRegex(@"\x1B(\[[0-9;?]*[A-Za-z]|\][^\x07\x1B]*(\x07|\x1B\\)|[=>])")]
    private static partial Regex Ansi();

    /// <summary>"  Greet net10.0 CrossBuild (12.3s)", or only "(12.3s)" when just the seconds changed.</summary>
    [GeneratedRegex(@"^\s*(?:Greet net10\.0 (\S+)\s+)?\((\d+\.\d)s\)\s*$")]
    private static partial Regex NodeLine();
}
