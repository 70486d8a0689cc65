using System.Text;
using System.Text.RegularExpressions;

namespace CrossSdk.Nix.Log;

/// <summary>
/// Makes a builder's log line safe to put in a message: text stays, raw bytes go. A build log is
/// whatever the builder wrote, so it can hold NUL and other control bytes, terminal escapes, and,
/// when Nix could not start the builder, Nix's own serialised error (2.8 writes it into the log:
/// "\x05\0\0\0\0\0\0\0Error\0\0\0" ... "executing '/bin/bash': No such file or directory" ...).
/// A message with those bytes in it is binary to grep (CrossSdk issue 8, item 7).
/// </summary>
internal partial class BuildLogText
{
    /// <summary>
    /// The line as text: a serialised Nix error becomes its message; ANSI escapes go; tabs stay;
    /// each run of other control characters (C0, DEL, C1) becomes one space. Empty when nothing
    /// printable was left.
    /// </summary>
    public static string Clean(string line)
    {
        var text = SerialisedErrorMessage(line) ?? line;
        text = Escape().Replace(text, "");
        var clean = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c == '\t' || !IsControl(c))
            {
                if (pendingSpace && clean.Length > 0 && !char.IsWhiteSpace(clean[^1]) && !char.IsWhiteSpace(c))
                {
                    clean.Append(' ');
                }

                pendingSpace = false;
                clean.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return clean.ToString().TrimEnd();
    }

    /// <summary>The lines of a log tail as text, without lines left empty (blank, or nothing but control bytes).</summary>
    public static IReadOnlyList<string> CleanTail(IEnumerable<string> lines) =>
        lines.Select(Clean).Where(l => l.Length > 0).ToList();

    private static bool IsControl(char c) => c < 0x20 || (c >= 0x7F && c <= 0x9F);

    /// <summary>
    /// Nix's wire format for an Error (src/libutil/serialise.cc, `Sink & operator <<(Sink &, const
    /// Error &)`): the string "Error", the level (u64), the string "Error" (name), the message, ...
    /// Strings are a u64 little-endian length and the bytes padded to 8. The child writes it after
    /// "\1\n" when exec of the builder fails (local-derivation-goal.cc, `runChild`: `throw
    /// SysError("executing '%1%'", drv->builder)`; on 2.8 `sendException` is still true then, so
    /// the bytes land in the build log). Here the bytes arrive as a JSON-decoded string, one char
    /// per byte for ASCII.
    /// </summary>
    private static string? SerialisedErrorMessage(string line)
    {
        const string Header = "\u0005\0\0\0\0\0\0\0Error\0\0\0";
        var start = line.IndexOf(Header, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var position = start + Header.Length + 8; // the level
        if (!ReadString(line, ref position, out var name) || name != "Error" || !ReadString(line, ref position, out var message))
        {
            return null;
        }

        return message;
    }

    private static bool ReadString(string s, ref int position, out string value)
    {
        value = "";
        if (position + 8 > s.Length)
        {
            return false;
        }

        ulong length = 0;
        for (var i = 7; i >= 0; i--)
        {
            var b = s[position + i];
            if (b > 0xFF)
            {
                return false;
            }

            length = (length << 8) | b;
        }

        position += 8;
        if (length > (ulong)(s.Length - position))
        {
            // Non-ASCII bytes arrive as fewer chars than bytes: take what is there.
            length = (ulong)(s.Length - position);
        }

        value = s.Substring(position, (int)length);
        position += (int)((length + 7) / 8 * 8);
        position = Math.Min(position, s.Length);
        return true;
    }

    // CSI (colours, cursor moves) and OSC (titles, hyperlinks) sequences.
    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(\x07|\x1B\\)|\x1B[@-Z\\-_]")]
    private static partial Regex Escape();
}
