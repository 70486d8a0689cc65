namespace CrossSdk.Tools;

/// <summary>Runs one command-line tool (nix, or patchelf from Nix). The one seam between CrossSdk and processes.</summary>
internal interface IToolRunner
{
    /// <param name="arguments">Arguments after the executable; never a shell string.</param>
    /// <param name="onStandardErrorLine">Called for each stderr line as Nix writes it.</param>
    /// <param name="cancellation">Cancelled when the build is (Ctrl+C): Nix gets SIGINT first.</param>
    Task<NixProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? onStandardErrorLine, CancellationToken cancellation);
}
