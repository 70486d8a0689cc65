namespace CrossSdk.Diagnostics;

/// <summary>
/// A failure the user can act on: a stable code, a message that says what happened and what to do,
/// and the file and line it concerns where there is one (so an IDE can open it).
/// </summary>
internal sealed class CrossException : Exception
{
    public CrossException(string code, string message, string? file = null, int line = 0, int column = 0, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        File = file;
        Line = line;
        Column = column;
        HelpLink = DiagnosticCodes.HelpLink(code);
    }

    public string Code { get; }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The underlying tool's own words (Nix's error headline), when the message wraps them.</summary>
    public string? Detail { get; init; }
}
