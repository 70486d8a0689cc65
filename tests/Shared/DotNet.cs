namespace CrossSdk.Tests.Infrastructure;

/// <summary>The real dotnet CLI, as a user runs it, without node reuse (each run loads the SDK afresh).</summary>
public static class DotNet
{
    public static Task<ProcessOutput> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), arguments);

    public static Task<ProcessOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAsync(workingDirectory, environment, null, arguments);

    /// <summary>The dotnet CLI with text on its standard input (`dotnet run` passes it to the app).</summary>
    public static Task<ProcessOutput> RunWithInputAsync(string workingDirectory, string standardInput, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), standardInput, arguments);

    private static Task<ProcessOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? standardInput, string[] arguments)
    {
        var env = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var args = arguments.ToList();
        if (args.Count > 0 && args[0] is "build" or "publish" or "pack" or "msbuild" or "clean")
        {
            args.Add("-nodeReuse:false");
        }

        return Processes.RunAsync("dotnet", args, workingDirectory, env, TimeSpan.FromMinutes(10), standardInput);
    }
}
