namespace CrossSdk.Artifacts;

/// <summary>
/// Text CrossSdk.targets can take apart with property functions and put in an item's Include
/// unchanged. ReadLinesFromFile keeps a line whole, but a value that then becomes an Include or
/// sits inside '…' must not hold what MSBuild reads as syntax: ';' splits, '*' and '?' glob,
/// '%', '$' and '@' expand, a quote ends the argument, and a tab separates the fields. Nor be
/// empty or start or end with white space: ReadLinesFromFile trims each line, so a last field
/// like that would be lost.
/// </summary>
internal static class MSBuildText
{
    private const string Syntax = ";*?%$@'\"";

    public static bool IsPlain(string value) =>
        value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) && !value.Any(c => char.IsControl(c) || Syntax.Contains(c));
}
