namespace CrossSdk.Diagnostics;

/// <summary>Values a user gave, made safe to show in a message or to hand to a file system API.</summary>
internal static class UserText
{
    private const int MaxShown = 120;

    /// <summary>A value for a message: control characters shown as \uXXXX, long values cut.</summary>
    public static string Display(string value)
    {
        var shown = string.Concat(value.Take(MaxShown).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > MaxShown ? shown + "..." : shown;
    }

    /// <summary>
    /// The absolute path a value names, or null when it cannot name one: a NUL character makes
    /// .NET's path APIs throw, and no file system has such a name.
    /// </summary>
    public static string? FullPath(string value, string baseDirectory) =>
        value.Contains('\0') ? null : Path.GetFullPath(value, baseDirectory);
}
