using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

/// <summary>How Nix builds a target's packages.</summary>
public enum Strategy
{
    /// <summary>Let the planner choose per target.</summary>
    Auto,

    /// <summary>nixpkgs' cross toolchain, pkgsCross.&lt;name&gt;: host-speed compiler.</summary>
    Cross,

    /// <summary>nixpkgs evaluated for the target system; Nix runs its compiler through binfmt/QEMU.</summary>
    Emulated,

    /// <summary>The target is the host system (or one it runs directly).</summary>
    Native,
}

public static class StrategyParser
{
    public static Strategy Parse(string? value, string source)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Strategy.Auto;
        }

        return value!.Trim().ToLowerInvariant() switch
        {
            "auto" => Strategy.Auto,
            "cross" => Strategy.Cross,
            "emulated" => Strategy.Emulated,
            "native" => Strategy.Native,
            _ => throw new CrossException(
                DiagnosticCodes.InvalidStrategy,
                $"{source} '{value}' is not a strategy. Use auto (the default), cross, emulated or native."),
        };
    }

    public static string ToText(this Strategy strategy) => strategy.ToString().ToLowerInvariant();
}
