using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class DiagnosticCodesTests
{
    private static string CodesTable => Path.Combine(Repo.Root, "docs", "diagnostics", "README.md");

    [TestMethod]
    public void Every_code_has_a_page_and_a_row_in_the_codes_table()
    {
        var rows = Rows();
        Assert.IsGreaterThanOrEqualTo(14, DiagnosticCodes.All.Count);
        foreach (var code in DiagnosticCodes.All)
        {
            Assert.IsTrue(File.Exists(Path.Combine(Repo.Root, "docs", "diagnostics", code + ".md")), $"docs/diagnostics/{code}.md is missing");
            Assert.IsTrue(rows.ContainsKey(code), $"the codes table of docs/diagnostics/README.md lacks a row for {code}");
            Assert.AreEqual($"[{code}]({code}.md)", rows[code], $"the row of {code} does not link its page");
        }
    }

    [TestMethod]
    public void The_codes_table_has_no_row_for_a_code_that_does_not_exist()
    {
        var unknown = Rows().Keys.Where(c => !DiagnosticCodes.All.Contains(c)).ToList();

        Assert.IsEmpty(unknown, $"docs/diagnostics/README.md lists codes DiagnosticCodes does not have: {string.Join(", ", unknown)}");
    }

    [TestMethod]
    public void Codes_are_unique_and_well_formed()
    {
        Assert.AreEqual(DiagnosticCodes.All.Count, DiagnosticCodes.All.Distinct().Count());
        Assert.IsTrue(DiagnosticCodes.All.All(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^CROSS[0-9]{4}$")));
    }

    /// <summary>The rows of the codes table: each code with its first cell.</summary>
    private static Dictionary<string, string> Rows() =>
        MarkdownPage.Read(CodesTable).TableRows
            .Where(r => r.Section == "Codes" && r.Cells.Count >= 2)
            .Select(r => (Code: System.Text.RegularExpressions.Regex.Match(r.Cells[0], "CROSS[0-9]{4}").Value, Cell: r.Cells[0]))
            .Where(r => r.Code.Length > 0)
            .ToDictionary(r => r.Code, r => r.Cell, StringComparer.Ordinal);
}
