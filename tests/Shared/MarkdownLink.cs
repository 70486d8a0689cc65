namespace CrossSdk.Tests.Infrastructure;

/// <summary>An inline Markdown link: the line it is on and its target as written (path and #anchor).</summary>
internal sealed record MarkdownLink(int Line, string Target);
