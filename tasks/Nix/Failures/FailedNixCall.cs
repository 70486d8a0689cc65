using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Failures;

/// <summary>What a failed nix process said, and what CrossSdk knows of the call: <see cref="NixFailure.Classify"/>'s input.</summary>
/// <param name="Errors">Nix's level-0 messages (on 2.8 some warnings come at level 0 too: see <see cref="Stderr"/>).</param>
/// <param name="BuildLogTails">Each build's last log lines, as Nix gave them (cleaned by the classifier).</param>
/// <param name="GeneratedFile">The expression CrossSdk wrote: an error there is in CrossPackage metadata.</param>
/// <param name="ExitCode">nix's exit code (1 for nearly every failure: classified by message).</param>
internal sealed record FailedNixCall(
    IReadOnlyList<NixLogEvent.Message> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> BuildLogTails,
    string GeneratedFile,
    int ExitCode)
{
    /// <summary>The systems the call's plans build under QEMU: an Exec format error names them.</summary>
    public IReadOnlyList<string> EmulatedSystems { get; init; } = [];

    /// <summary>What the JSON log does not carry: level-0 warnings and plain lines (a crash).</summary>
    public NixStderrWatch? Stderr { get; init; }

    /// <summary>CrossNixOptions/CrossNixArgument: a rejected setting there is CROSS0016.</summary>
    public IReadOnlyList<string> ExtraOptions { get; init; } = [];

    /// <summary>The CrossPackage files: an evaluation trace is pointed at them first.</summary>
    public IReadOnlyCollection<string> PackageFiles { get; init; } = [];

    /// <summary>The call only evaluates (nix eval): an error is the expression's, whatever its words.</summary>
    public bool Evaluating { get; init; }
}
