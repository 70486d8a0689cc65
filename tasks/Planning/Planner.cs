using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Planning;

/// <summary>
/// Chooses per target how Nix builds it. Pure: the host facts come in as values.
/// </summary>
public static class Planner
{
    public static TargetPlan Plan(TargetPlatform target, Strategy requested, TargetPlatform host)
    {
        var isHost = target.NixSystem == host.NixSystem && target.Libc == host.Libc;
        switch (requested)
        {
            case Strategy.Native when !isHost:
                throw new CrossException(
                    DiagnosticCodes.StrategyNotPossible,
                    $"CrossStrategy 'native' cannot build {target} on this {host} host. " +
                    "Use 'cross' (a nixpkgs cross toolchain), 'emulated' (the target's own compiler under QEMU) or 'auto'.");
            case Strategy.Native or Strategy.Cross or Strategy.Emulated:
                return new TargetPlan(target, requested, $"asked for with CrossStrategy={requested.ToText()}");
        }

        if (isHost)
        {
            return new TargetPlan(target, Strategy.Native, "the target is the host system; its compiler runs at full speed");
        }

        var why = target.NixSystem == host.NixSystem
            ? $"the target's C library ({target.Libc}) is not the host's ({host.Libc})"
            : $"{target.NixSystem} is not the host system ({host.NixSystem})";
        return new TargetPlan(target, Strategy.Cross, $"{why}; the cross toolchain runs at host speed");
    }
}
