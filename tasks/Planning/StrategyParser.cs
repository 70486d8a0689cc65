using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

internal static class StrategyParser
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
