using CrossSdk.Platforms;

namespace CrossSdk.Planning;

/// <summary>What the planner decided for one target, and why.</summary>
/// <param name="Target">The target.</param>
/// <param name="Strategy">Cross, Emulated or Native (never Auto).</param>
/// <param name="Reason">One sentence a user can read in the build log.</param>
internal sealed record TargetPlan(TargetPlatform Target, Strategy Strategy, string Reason)
{
    /// <summary>This plan's package set in generated Nix: the target's own, or one of auto's candidates for it.</summary>
    public PlanKey Key { get; init; } = PlanKey.Of(Target);

    /// <summary>How the pkgs set is described in messages: "pkgsCross.aarch64-multiplatform".</summary>
    public string PkgsDescription => Strategy switch
    {
        Strategy.Cross => Target.PkgsCross is { } name ? $"pkgsCross.{name}" : $"crossSystem.config = {Target.Config}",
        Strategy.Emulated => $"system {Target.NixSystem}{(Target.IsMusl ? ", pkgsMusl" : "")}, under QEMU",
        _ => $"system {Target.NixSystem}{(Target.IsMusl ? ", pkgsMusl" : "")}",
    };

    public string Describe() => $"{Target} -> {Strategy.ToText()} ({PkgsDescription}): {Reason}";
}
