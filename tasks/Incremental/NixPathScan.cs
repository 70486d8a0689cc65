using System.Text.RegularExpressions;

namespace CrossSdk.Incremental;

/// <summary>
/// What a Nix file reads that Nix does not log. Nix 2.8 logs `evaluating file` for each file it
/// evaluates and `copied source` for each path it copies while coercing it to a string
/// (`src = ../csrc`), but nothing for `builtins.readFile`, `readDir`, `pathExists`,
/// `builtins.path`, `filterSource` (and so `lib.cleanSource`), nor for an `import` that laziness
/// never forced (checked with -vvvvv). lorri sees those by evaluating through `scopedImport` with
/// traced builtins, which also turns off Nix's import cache for every file it reaches; CrossSdk
/// instead reads the relative path literals of each file Nix evaluated outside nixpkgs: every
/// path such a file can reach by a literal is an input (a superset of what it reads, so never
/// stale), and a reading builtin whose argument holds no path literal is reported, since CrossSdk
/// cannot know what it reads.
/// </summary>
internal static partial class NixPathScan
{
    /// <summary>A relative path literal (`./x`, `../x/y.c`, `./.`), with the 1-based line it is on.</summary>
    internal sealed record PathLiteral(string Text, int Line);

    /// <summary>A builtin that reads the file system (or the environment) with an argument CrossSdk cannot resolve, or a search-path lookup (`&lt;nixpkgs&gt;`).</summary>
    internal sealed record UnseenRead(string Builtin, int Line);

    internal sealed record Result(IReadOnlyList<PathLiteral> Paths, IReadOnlyList<UnseenRead> UnseenReads);

    /// <summary>The builtins whose reads Nix does not log, as they are spelled in code.</summary>
    private static readonly string[] ReadingBuiltins =
    [
        "readFile", "readDir", "pathExists", "builtins.path", "filterSource", "readFileType",
        "fetchGit", "fetchTree", "getFlake", "getEnv", "findFile", "hashFile",
    ];

    public static Result Scan(string text)
    {
        var code = CodeOnly(text);
        var paths = new List<PathLiteral>();
        foreach (Match m in PathLiteralPattern().Matches(code))
        {
            paths.Add(new PathLiteral(m.Value, LineOf(code, m.Index)));
        }

        var unseen = new List<UnseenRead>();
        foreach (Match m in BuiltinPattern().Matches(code))
        {
            var name = m.Groups["name"].Value;
            if (!ReadingBuiltins.Contains(name) && !ReadingBuiltins.Contains("builtins." + name))
            {
                continue;
            }

            // `builtins.path` is the only reading builtin whose short name is a common word.
            if (name == "path" && !m.Value.StartsWith("builtins.", StringComparison.Ordinal))
            {
                continue;
            }

            // The argument: a path literal in it is an input already; none means the path is
            // computed, or a string.
            if (name == "getEnv" || !PathLiteralPattern().IsMatch(Argument(code, m.Index + m.Length)))
            {
                unseen.Add(new UnseenRead(name == "path" ? "builtins.path" : name, LineOf(code, m.Index)));
            }
        }

        foreach (Match m in SearchPathPattern().Matches(code))
        {
            unseen.Add(new UnseenRead(m.Value, LineOf(code, m.Index)));
        }

        return new Result(paths, unseen.OrderBy(u => u.Line).ToList());
    }

    /// <summary>
    /// The text with comments and the literal parts of strings blanked (line breaks kept, so
    /// positions stay), and the code inside a string's `${ }` kept: `"${./x}"` reads ./x, and
    /// "./configure" in a build script is no input of the evaluation.
    /// </summary>
    internal static string CodeOnly(string text)
    {
        var output = text.ToCharArray();
        // A stack of what encloses the position: 'c' code inside ${ } (with its brace depth), '"' or '\'' a string.
        var stack = new Stack<(char Kind, int Depth)>();
        var kind = 'c';
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (kind)
            {
                case 'c' when c == '#':
                    while (i < text.Length && text[i] != '\n')
                    {
                        output[i++] = ' ';
                    }

                    break;
                case 'c' when c == '/' && next == '*':
                    var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    end = end < 0 ? text.Length : end + 2;
                    Blank(output, i, end);
                    i = end - 1;
                    break;
                case 'c' when c == '"':
                    stack.Push((kind, depth));
                    (kind, depth) = ('"', 0);
                    break;
                case 'c' when c == '\'' && next == '\'':
                    stack.Push((kind, depth));
                    (kind, depth) = ('\'', 0);
                    i++;
                    break;
                case 'c' when c == '{':
                    depth++;
                    break;
                case 'c' when c == '}' && depth == 0 && stack.Count > 0:
                    (kind, depth) = stack.Pop();
                    break;
                case 'c' when c == '}':
                    depth--;
                    break;
                case 'c':
                    break;
                case '"' when c == '\\':
                    Blank(output, i, Math.Min(i + 2, text.Length));
                    i++;
                    break;
                case '"' when c == '"':
                    (kind, depth) = stack.Pop();
                    break;
                case '\'' when c == '\'' && next == '\'' && i + 2 < text.Length && text[i + 2] is '$' or '\'' or '\\':
                    // ''$ ''' ''\x: escapes inside an indented string.
                    Blank(output, i, Math.Min(i + 3, text.Length));
                    i += 2;
                    break;
                case '\'' when c == '\'' && next == '\'':
                    (kind, depth) = stack.Pop();
                    i++;
                    break;
                case '"' or '\'' when c == '$' && next == '{':
                    stack.Push((kind, depth));
                    (kind, depth) = ('c', 0);
                    i++;
                    break;
                default:
                    if (c != '\n')
                    {
                        output[i] = ' ';
                    }

                    break;
            }
        }

        return new string(output);
    }

    /// <summary>The text after a builtin up to the end of its call: the line, or a bracketed argument spanning lines.</summary>
    private static string Argument(string code, int start)
    {
        var depth = 0;
        var i = start;
        for (; i < code.Length; i++)
        {
            var c = code[i];
            if (c is '{' or '(' or '[')
            {
                depth++;
            }
            else if (c is '}' or ')' or ']' && --depth < 0)
            {
                break;
            }
            else if (depth == 0 && c is '\n' or ';')
            {
                break;
            }
        }

        return code[start..i];
    }

    private static void Blank(char[] output, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (output[i] != '\n')
            {
                output[i] = ' ';
            }
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // Nix's lexer: PATH_CHAR [a-zA-Z0-9._\-+], a path is {PATH_CHAR}*(/{PATH_CHAR}+)+/?. Only the
    // relative ones (./x, ../x) are the project's: an absolute one names the machine (a sysroot,
    // /bin/sh), and walking it would hash a file system. Paths inside strings are blanked by CodeOnly.
    [GeneratedRegex(@"(?<![A-Za-z0-9._\-+/~])\.\.?(/[A-Za-z0-9._\-+]+)+/?")]
    private static partial Regex PathLiteralPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9_'\-.])(builtins\.)?(?<name>[A-Za-z][A-Za-z0-9]*)\b")]
    private static partial Regex BuiltinPattern();

    // <nixpkgs>, <nixpkgs/lib>: a lookup on the Nix search path (NIX_PATH, channels).
    [GeneratedRegex(@"(?<![A-Za-z0-9_'])<[A-Za-z0-9._\-+]+(/[A-Za-z0-9._\-+]+)*>")]
    private static partial Regex SearchPathPattern();
}
