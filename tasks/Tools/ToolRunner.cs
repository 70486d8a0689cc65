using System.ComponentModel;
using System.Text;
using CliWrap;
using CrossSdk.Diagnostics;

namespace CrossSdk.Tools;

/// <summary>
/// <see cref="IToolRunner"/> over CliWrap. On cancellation the tool (Nix) gets SIGINT (CliWrap's graceful
/// cancellation), which makes it stop its builders; only if it has not exited after
/// <see cref="KillTimeout"/> is it killed. A kill -9 of nix leaves its builders running
/// (docs/how-it-works.md#cancellation), so the polite signal must come first.
/// https://github.com/Tyrrrz/CliWrap#timeout-and-cancellation
/// </summary>
internal sealed class ToolRunner : IToolRunner
{
    /// <summary>What to do when nix itself is missing.</summary>
    public const string NixInstallHelp =
        "Install Nix 2.8 or newer (https://nixos.org/download; on Debian/Ubuntu: apt install nix-bin) and make sure 'nix' is on PATH, or set CrossNixExecutable to its full path.";

    public ToolRunner(string executable, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? killTimeout = null, string? notFoundHelp = null)
    {
        Executable = executable;
        NotFoundHelp = notFoundHelp ?? NixInstallHelp;
        Environment = environment ?? new Dictionary<string, string?>();
        KillTimeout = killTimeout ?? TimeSpan.FromSeconds(10);
    }

    public string Executable { get; }

    /// <summary>The advice in the error when the executable cannot be started.</summary>
    public string NotFoundHelp { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public TimeSpan KillTimeout { get; }

    public async Task<NixProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? onStandardErrorLine, CancellationToken cancellation)
    {
        var stdout = new StringBuilder();
        using var forceful = new CancellationTokenSource();
        using var escalate = cancellation.Register(() => forceful.CancelAfter(KillTimeout));

        var command = Cli.Wrap(Executable)
            .WithArguments(arguments)
            .WithEnvironmentVariables(Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => onStandardErrorLine?.Invoke(line)));

        try
        {
            var result = await command.ExecuteAsync(forceful.Token, cancellation).ConfigureAwait(false);
            return new NixProcessResult(result.ExitCode, stdout.ToString());
        }
        catch (Win32Exception ex)
        {
            throw new CrossException(DiagnosticCodes.NixNotFound, NotStartedMessage(Executable, ex.Message, NotFoundHelp), inner: ex);
        }
    }

    /// <summary>
    /// Why the tool did not start and what to do. When a path was given (CrossNixExecutable set
    /// to one), "set CrossNixExecutable to its full path" is no advice: say what is wrong with it.
    /// </summary>
    public static string NotStartedMessage(string executable, string reason, string help)
    {
        var isPath = executable.Contains('/', StringComparison.Ordinal);
        if (!isPath || help != NixInstallHelp)
        {
            return $"Could not start '{executable}' ({reason}). {help}";
        }

        var problem = Directory.Exists(executable)
            ? "is a folder, not the nix program"
            : File.Exists(executable)
                ? $"exists but cannot be run ({reason}): check that it is executable (chmod +x) and is the nix program"
                : "does not exist";
        return $"CrossNixExecutable is '{executable}', which {problem}. Point CrossNixExecutable at the nix program (`command -v nix` prints its path), " +
            "or remove the property to use 'nix' from PATH. If Nix is not installed: Nix 2.8 or newer from https://nixos.org/download, on Debian/Ubuntu: apt install nix-bin.";
    }
}
