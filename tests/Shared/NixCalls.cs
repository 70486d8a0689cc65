namespace CrossSdk.Tests.Infrastructure;

/// <summary>Reads the nix command lines a recording nix logged.</summary>
public static class NixCalls
{
    /// <summary>
    /// Whether a call evaluates Nix code: `-f FILE`, `--file`, `--expr` or `eval`. `nix build` of
    /// derivation paths, `--version` and `show-config` do not.
    /// </summary>
    public static bool Evaluates(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Any(w => w is "-f" or "--file" or "--expr" or "eval");
    }
}
