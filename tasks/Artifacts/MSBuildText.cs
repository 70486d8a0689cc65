namespace CrossSdk.Artifacts;

/// <summary>
/// Text CrossSdk.targets can take apart with property functions and put in an item's Include
/// unchanged. ReadLinesFromFile keeps a line whole, but a value that then becomes an Include or
/// sits inside '…' must not hold what MSBuild reads as syntax: ';' splits, '*' and '?' glob,
/// '%', '$' and '@' expand, a quote ends the argument, and a tab separates the fields.
/// </summary>
internal static class MSBuildText
{
    private const string Syntax = ";*?%$@'\"";

    public static bool IsPlain(string value) => !value.Any(c => char.IsControl(c) || Syntax.Contains(c));
}
