namespace CrossSdk.Tools;

/// <summary>
/// Where a build's processes come from: nix, and the tools Nix built for it (patchelf). The one
/// place a runner is made: the tasks make it from CrossNixExecutable, a test gives its recorded
/// Nix, and every stage runs through it.
/// </summary>
/// <param name="Nix">Runs nix.</param>
/// <param name="StoreTool">Makes the runner of a tool at a path (the executable, and what to say when it does not start); null: a process.</param>
internal sealed record ToolRunners(IToolRunner Nix, Func<string, string, IToolRunner>? StoreTool = null)
{
    /// <summary>Runners that start processes: nix from <paramref name="nixExecutable"/>, SIGKILL <paramref name="killTimeout"/> after SIGINT.</summary>
    public static ToolRunners ForProcesses(string nixExecutable, TimeSpan killTimeout) =>
        new(new ToolRunner(nixExecutable, killTimeout: killTimeout));

    /// <summary>The runner of a tool Nix built (patchelf), at its store path.</summary>
    public IToolRunner Tool(string executable, string notFoundHelp) =>
        StoreTool?.Invoke(executable, notFoundHelp) ?? new ToolRunner(executable, notFoundHelp: notFoundHelp);
}
