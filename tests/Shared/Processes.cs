using System.Text;
using CliWrap;

namespace CrossSdk.Tests.Infrastructure;

public sealed record ProcessOutput(int ExitCode, string StandardOutput, string StandardError)
{
    public string All => StandardOutput + StandardError;
}

/// <summary>Runs the real tools the tests check against (nix-instantiate, dotnet, qemu, readelf).</summary>
public static class Processes
{
    public static async Task<ProcessOutput> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null,
        string? standardInput = null)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        var result = await Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory ?? Environment.CurrentDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(standardInput is null ? PipeSource.Null : PipeSource.FromString(standardInput))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .ExecuteAsync(cts.Token);
        return new ProcessOutput(result.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Evaluates a Nix expression with the real nix-instantiate and returns the JSON value.</summary>
    public static async Task<string> NixEvalJsonAsync(string expression, string? workingDirectory = null)
    {
        var result = await RunAsync("nix-instantiate", ["--eval", "--strict", "--json", "--expr", expression], workingDirectory);
        Assert.AreEqual(0, result.ExitCode, $"nix-instantiate failed for:\n{expression}\n{result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
