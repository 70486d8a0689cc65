namespace CrossSdk.Tests.Infrastructure;

/// <summary>A Markdown table row: the heading it is under and its cells, trimmed.</summary>
internal sealed record MarkdownTableRow(string Section, IReadOnlyList<string> Cells);
