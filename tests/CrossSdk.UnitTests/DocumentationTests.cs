using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// The README is a first page and the manual lives in docs/: every setting CrossSdk has is in the
/// properties page, every link between the pages lands, and every document the code cites exists.
/// </summary>
[TestClass]
public sealed partial class DocumentationTests
{
    // Metadata MSBuild gives every item: not CrossSdk's to document.
    private static readonly HashSet<string> WellKnownMetadata =
    [
        "Identity", "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory",
        "RecursiveDir", "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath",
        "DefiningProjectDirectory", "DefiningProjectName", "DefiningProjectExtension",
    ];

    private static string Docs => Path.Combine(Repo.Root, "docs");

    private static string Readme => Path.Combine(Repo.Root, "README.md");

    private static MarkdownPage PropertiesPage => MarkdownPage.Read(Path.Combine(Docs, "properties.md"));

    [TestMethod]
    public void Every_property_CrossSdk_props_defines_has_a_row_in_the_properties_page()
    {
        var defined = PropertiesSetIn(Path.Combine(Repo.Root, "sdk", "build", "CrossSdk.props"));
        var documented = DocumentedProperties();

        Assert.IsGreaterThanOrEqualTo(20, defined.Count, string.Join(", ", defined));
        var missing = defined.Where(p => !documented.Contains(p)).ToList();
        Assert.IsEmpty(missing, $"sdk/build/CrossSdk.props defines properties docs/properties.md has no row for: {string.Join(", ", missing)}");
    }

    [TestMethod]
    public void Every_property_the_SDK_files_set_has_a_row_in_the_properties_page()
    {
        var files = SdkFiles();
        var documented = DocumentedProperties();

        Assert.IsTrue(files.Any(f => f.EndsWith(".targets", StringComparison.Ordinal)), "no targets file found under sdk/");
        var missing = files
            .SelectMany(f => PropertiesSetIn(f).Select(p => (Property: p, File: Path.GetRelativePath(Repo.Root, f))))
            .Where(p => !documented.Contains(p.Property))
            .Select(p => $"{p.Property} ({p.File})")
            .Distinct()
            .ToList();
        Assert.IsEmpty(missing, $"properties set in sdk/ with no row in docs/properties.md: {string.Join(", ", missing)}");
    }

    [TestMethod]
    public void Every_item_and_metadata_the_targets_read_has_a_row_in_the_items_table()
    {
        var documented = DocumentedItems();
        var used = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SdkFiles())
        {
            foreach (Match use in ItemUse().Matches(File.ReadAllText(file)))
            {
                var metadata = used.TryGetValue(use.Groups["item"].Value, out var known) ? known : used[use.Groups["item"].Value] = [];
                metadata.UnionWith(MetadataUse().Matches(use.Groups["transform"].Value).Select(m => m.Groups["name"].Value).Where(n => !WellKnownMetadata.Contains(n)));
            }
        }

        Assert.IsTrue(used.ContainsKey("CrossPackage") && used.ContainsKey("CrossTarget"), $"the targets read no CrossPackage or CrossTarget items: {string.Join(", ", used.Keys)}");
        var missing = used
            .SelectMany(u => documented.TryGetValue(u.Key, out var metadata)
                ? u.Value.Where(m => !metadata.Contains(m)).Select(m => $"{u.Key}.{m}")
                : [u.Key])
            .ToList();
        Assert.IsEmpty(missing, $"items or metadata the targets read with no row in docs/properties.md: {string.Join(", ", missing)}");
    }

    [TestMethod]
    public void Every_relative_link_in_the_README_and_the_docs_lands_on_a_file_and_heading_that_exist()
    {
        var broken = new List<string>();
        var pages = Pages();
        Assert.IsGreaterThan(10, pages.Count);
        foreach (var page in pages.Select(MarkdownPage.Read))
        {
            foreach (var link in page.Links.Where(l => !AbsoluteLink().IsMatch(l.Target)))
            {
                if (Problem(page, link.Target) is { } problem)
                {
                    broken.Add($"{Path.GetRelativePath(Repo.Root, page.FilePath)}:{link.Line}: ({link.Target}) {problem}");
                }
            }
        }

        Assert.IsEmpty(broken, string.Join("\n", broken));
    }

    [TestMethod]
    public void Every_page_in_docs_can_be_reached_from_the_README()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { Readme };
        var queue = new Queue<string>([Readme]);
        while (queue.TryDequeue(out var page))
        {
            foreach (var link in MarkdownPage.Read(page).Links.Where(l => !AbsoluteLink().IsMatch(l.Target)))
            {
                var target = Resolve(page, link.Target.Split('#')[0]);
                if (target.EndsWith(".md", StringComparison.Ordinal) && File.Exists(target) && reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        var orphans = Pages().Where(p => !reached.Contains(p)).Select(p => Path.GetRelativePath(Repo.Root, p)).ToList();
        Assert.IsEmpty(orphans, $"pages no chain of links from README.md reaches: {string.Join(", ", orphans)}");
    }

    [TestMethod]
    public void Every_document_the_code_cites_exists_in_the_repository()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "tasks"), "*.cs", SearchOption.AllDirectories)
            .Concat(new[] { "Shared", "CrossSdk.IntegrationTests", "CrossSdk.EndToEndTests" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repo.Root, "tests", d), "*.cs", SearchOption.AllDirectories)))
            .Concat(SdkFiles())
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo.Root, "eng"), "*.sh"))
            .Concat(Directory.EnumerateFiles(Path.Combine(Repo.Root, "samples", "ci"), "*.yml"))
            .Append(Path.Combine(Repo.Root, "build.sh"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var outside = "FACTS" + ".md";
        var wrong = new List<string>();
        var cited = 0;
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            var name = Path.GetRelativePath(Repo.Root, source);
            if (text.Contains(outside, StringComparison.Ordinal))
            {
                wrong.Add($"{name} cites {outside}, which is not in the repository: cite the docs/ page that holds the fact");
            }

            foreach (Match citation in DocsCitation().Matches(text))
            {
                cited++;
                var target = Path.Combine(Repo.Root, citation.Groups["path"].Value);
                var anchor = citation.Groups["anchor"].Value;
                if (!File.Exists(target))
                {
                    wrong.Add($"{name} cites {citation.Value}, which does not exist");
                }
                else if (anchor.Length > 0 && !MarkdownPage.Read(target).Anchors.Contains(anchor))
                {
                    wrong.Add($"{name} cites {citation.Value}, a heading that does not exist");
                }
            }
        }

        Assert.IsGreaterThanOrEqualTo(5, cited, "the citations of docs/ pages were not found");
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }

    [TestMethod]
    public void The_README_fits_on_a_few_screens()
    {
        var readme = MarkdownPage.Read(Readme);

        Assert.IsLessThanOrEqualTo(160, readme.LineCount, "README.md is the first page: put the details in a page under docs/ and link it");
    }

    private static string? Problem(MarkdownPage page, string link)
    {
        var parts = link.Split('#', 2);
        var target = parts[0].Length == 0 ? page.FilePath : Resolve(page.FilePath, parts[0]);
        if (!target.StartsWith(Repo.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && target != Repo.Root)
        {
            return "leaves the repository";
        }

        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return "no such file";
        }

        return parts.Length == 2 && target.EndsWith(".md", StringComparison.Ordinal) && !MarkdownPage.Read(target).Anchors.Contains(parts[1])
            ? "no such heading"
            : null;
    }

    private static string Resolve(string page, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(relative))).TrimEnd(Path.DirectorySeparatorChar);

    private static List<string> Pages() =>
        [Readme, .. Directory.EnumerateFiles(Docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    private static List<string> SdkFiles() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "sdk"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

    /// <summary>
    /// The properties a props or targets file sets (in or outside targets), but its private ones
    /// (_Cross...) and MSBuild's own switches (DisableLogTaskParameter_Task_Parameter: which task
    /// inputs MSBuild does not log).
    /// </summary>
    private static List<string> PropertiesSetIn(string file) =>
        XDocument.Load(file).Descendants()
            .Where(e => e.Name.LocalName == "PropertyGroup")
            .SelectMany(g => g.Elements())
            .Select(e => e.Name.LocalName)
            .Where(n => !n.StartsWith('_') && !n.StartsWith("DisableLogTaskParameter", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    /// <summary>The names in the first cell of every table row of the properties page.</summary>
    private static HashSet<string> DocumentedProperties() =>
        PropertiesPage.TableRows.Where(r => r.Cells.Count > 0).SelectMany(r => MarkdownPage.CodeNames(r.Cells[0])).ToHashSet(StringComparer.Ordinal);

    /// <summary>The items table: each item with the metadata of its rows (a row with an empty first cell continues the item above).</summary>
    private static Dictionary<string, HashSet<string>> DocumentedItems()
    {
        var items = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var current = new List<string>();
        foreach (var row in PropertiesPage.TableRows.Where(r => r.Section == "Items" && r.Cells.Count >= 2))
        {
            var names = MarkdownPage.CodeNames(row.Cells[0]);
            if (names.Count > 0)
            {
                current = [.. names];
            }

            foreach (var item in current)
            {
                var metadata = items.TryGetValue(item, out var known) ? known : items[item] = [];
                metadata.UnionWith(MarkdownPage.CodeNames(row.Cells[1]));
            }
        }

        return items;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex AbsoluteLink();

    // @(CrossPackage) or @(CrossPackage->'...%(Outputs)...'): CrossSdk's public items, not _Cross ones.
    [GeneratedRegex(@"@\((?<item>Cross\w+)(?:->'(?<transform>[^']*)')?")]
    private static partial Regex ItemUse();

    [GeneratedRegex(@"%\((?<name>\w+)\)")]
    private static partial Regex MetadataUse();

    // A docs page path with an optional #anchor, but not a path inside a URL (…/blob/main/docs/design/…).
    [GeneratedRegex(@"(?<![\w/.-])(?<path>docs/[\w./-]*\w\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex DocsCitation();
}
