using System.Text;
using System.Text.RegularExpressions;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A Markdown file read the way GitHub renders it, as far as the documentation tests need: its
/// links and table rows outside code blocks, and the anchors its headings get.
/// </summary>
internal sealed partial class MarkdownPage
{
    private MarkdownPage(string path, IReadOnlyList<MarkdownLink> links, IReadOnlySet<string> anchors, IReadOnlyList<MarkdownTableRow> rows, int lineCount)
    {
        FilePath = path;
        Links = links;
        Anchors = anchors;
        TableRows = rows;
        LineCount = lineCount;
    }

    public string FilePath { get; }

    /// <summary>Every inline link's target, with its line, outside fenced code and code spans.</summary>
    public IReadOnlyList<MarkdownLink> Links { get; }

    /// <summary>The anchors of the headings (GitHub's: lower case, punctuation dropped, spaces as '-', repeats numbered).</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Every table row that is not a header separator, with the heading it is under.</summary>
    public IReadOnlyList<MarkdownTableRow> TableRows { get; }

    public int LineCount { get; }

    public static MarkdownPage Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var links = new List<MarkdownLink>();
        var rows = new List<MarkdownTableRow>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var section = "";
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                section = heading.Groups["text"].Value;
                var slug = Slug(section);
                var count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }

            // A link written inside a code span is text, not a link.
            foreach (Match link in Link().Matches(CodeSpan().Replace(line, "")))
            {
                links.Add(new MarkdownLink(i + 1, link.Groups["target"].Value));
            }

            if (trimmed.StartsWith('|') && !TableSeparator().IsMatch(trimmed))
            {
                var cells = trimmed.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();
                rows.Add(new MarkdownTableRow(section, cells));
            }
        }

        return new MarkdownPage(path, links, anchors, rows, lines.Length);
    }

    /// <summary>The names written as code (`Name`) in a piece of Markdown.</summary>
    public static IReadOnlyList<string> CodeNames(string markdown) =>
        CodeName().Matches(markdown).Select(m => m.Groups["name"].Value).ToList();

    // github-slugger: lower case; letters, digits, '-', '_' and spaces kept; each space a '-'.
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "${text}");
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"(`+).+?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"`(?<name>[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex CodeName();
}
