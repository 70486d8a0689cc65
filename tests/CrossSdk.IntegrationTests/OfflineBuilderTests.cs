using System.Text.Json;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>
/// The builders of the offline package sets (tests/nixpkgs, tests/nixpkgs-bullseye) against a
/// rule of Nix's: a builder must not close its standard output and error before it exits. Nix
/// takes EOF on the builder's log as its end and SIGKILLs it "just to be sure" (2.8:
/// LocalDerivationGoal::getChildStatus, `pid.kill()`; later versions: unprepareBuild, the same).
/// `bash -c` execs its last command in place of the shell, and GNU coreutils close stdout and
/// stderr just before they exit, so a builder like `mkdir -p $out &amp;&amp; ln -s ...` was killed
/// between that close and its exit in about half of its first builds: the offline ICU's "failed
/// due to signal 9 (Killed)" on fresh machines (NixOS/nix#2176; issue 18, section 6).
/// </summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class OfflineBuilderTests
{
    /// <summary>
    /// Every derivation a test can build from the offline sets: each top-level derivation of the
    /// native set, of every pkgsCross set and of the emulated sets, their C runtimes, a runCommand
    /// and a mkDerivation, for both sets. What does not evaluate here (a target root this
    /// machine lacks) is left out by tryEval, as nixpkgs refuses an unsupported platform.
    /// </summary>
    private const string AllDerivations = """
        { offline, bullseye }:
        let
          try = v: let r = builtins.tryEval v; in if r.success then r.value else null;
          isDrv = v: builtins.isAttrs v && (v.type or null) == "derivation" && try v.drvPath != null;
          setsOf = path:
            let native = import path { }; in
            [ native ] ++ builtins.attrValues native.pkgsCross
            ++ map (system: import path { localSystem = { inherit system; }; }) [ "aarch64-linux" "armv7l-linux" "riscv64-linux" ];
          drvsOf = pkgs:
            map (n: try pkgs.${n}) (builtins.attrNames pkgs)
            ++ [
              (try (pkgs.stdenv.cc.libc or null))
              (try ((pkgs.stdenv.cc.cc or { }).lib or null))
              (try (pkgs.runCommand "offline-builder-check-runcommand" { } "mkdir $out"))
              (try (pkgs.stdenv.mkDerivation { name = "offline-builder-check-mkderivation"; buildCommand = "mkdir $out"; }))
            ];
        in
        builtins.filter isDrv (builtins.concatMap drvsOf (setsOf offline ++ setsOf bullseye))
        """;

    [TestMethod]
    public async Task No_builder_of_the_offline_package_sets_runs_its_script_with_sh_dash_c_which_execs_the_last_command()
    {
        using var dir = new TempDirectory();
        var listing = dir.Write("all.nix", AllDerivations);
        var sets = await Processes.RunAsync("nix-instantiate", [listing, "--argstr", "offline", Repo.OfflineNixpkgs, "--argstr", "bullseye", Path.Combine(Repo.Root, "tests", "nixpkgs-bullseye")]);
        Assert.AreEqual(0, sets.ExitCode, sets.StandardError);

        // And the runtime root as CrossSdk generates it: the derivation that was killed.
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.FromFolder(Repo.OfflineNixpkgs), "x86_64-linux", [new TargetPlan(PlatformCatalog.Resolve("aarch64-linux", "t"), Strategy.Cross, "test")], [], "h") { RuntimeRoot = new RuntimeRootSpec("linux-arm64", Icu: true) });
        var root = await Processes.RunAsync("nix-instantiate", [dir.Write("root.nix", generated.Text), "-A", generated.Attributes.Single(a => a.Role == InstallableRole.RuntimeRoot).Name]);
        Assert.AreEqual(0, root.ExitCode, root.StandardError);

        var drvs = (sets.StandardOutput + root.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var shown = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "show-derivation", "--recursive", .. drvs]);
        Assert.AreEqual(0, shown.ExitCode, shown.StandardError);

        using var json = JsonDocument.Parse(shown.StandardOutput);
        var all = json.RootElement.EnumerateObject().ToList();
        var names = all.Select(d => d.Name).ToList();
        foreach (var expected in new[] { "-icu-debian-aarch64-unknown-linux-gnu.drv", "-debian-runtime-libs-aarch64-unknown-linux-gnu.drv", "-patchelf-0.17.2.drv", "-offline-builder-check-runcommand.drv", "-crosssdk-runtime-root-linux-arm64.drv", "-bullseye-arm64-sysroot-links.drv", "-zlib-aarch64-unknown-linux-gnu-1.2.13.drv" })
        {
            Assert.IsTrue(names.Any(n => n.EndsWith(expected, StringComparison.Ordinal)), $"the check did not reach *{expected} (of {names.Count} derivations): it would pass without looking");
        }

        var dashC = all
            .Where(d => d.Value.GetProperty("args").EnumerateArray().Any(a => a.GetString() == "-c"))
            .Select(d => $"{d.Name}: {d.Value.GetProperty("builder").GetString()} {string.Join(' ', d.Value.GetProperty("args").EnumerateArray().Select(a => a.GetString()))}")
            .ToList();
        Assert.AreEqual(0, dashC.Count,
            "These derivations run their script with `-c`: the shell execs the script's last command, and if that is a coreutils program it closes the log " +
            "before it exits, so Nix can SIGKILL it after it did its work (\"failed due to signal 9 (Killed)\", NixOS/nix#2176). Run the script from a file: " +
            "builder = \"/bin/bash\"; args = [ \"-e\" ./build-support/command-builder.sh ]; buildCommand = \"...\";\n" + string.Join('\n', dashC));
    }

    /// <summary>
    /// The rule itself, on this machine's Nix: a builder that closes its log and then still has
    /// work to do is killed, deterministically (the sleep only holds the window open that a
    /// coreutils program's exit leaves for microseconds). If a Nix version ever waits for the
    /// builder instead, this fails and says the offline sets' rule is no longer needed there.
    /// </summary>
    [TestMethod]
    public async Task Nix_kills_a_builder_that_closes_its_log_before_it_exits_with_signal_9()
    {
        using var dir = new TempDirectory();
        var nonce = Guid.NewGuid().ToString("N");
        var file = dir.Write("closes-log.nix", $$"""
            derivation {
              name = "crosssdk-closes-log";
              system = builtins.currentSystem;
              builder = "/bin/bash";
              PATH = "/usr/bin:/bin";
              nonce = {{NixString.Quote(nonce)}};
              args = [ "-e" "-c" "exec >&- 2>&-; sleep 60; mkdir $out" ];
            }
            """);
        var result = await Processes.RunAsync("nix-build", [file, "--no-out-link"]);
        Assert.AreNotEqual(0, result.ExitCode, "Nix waited for a builder whose log had closed: the offline sets would not need their script-file builders on this Nix");
        StringAssert.Contains(result.StandardError, "failed due to signal 9 (Killed)");
    }
}
