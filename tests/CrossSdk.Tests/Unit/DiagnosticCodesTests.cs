using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class DiagnosticCodesTests
{
    [TestMethod]
    public void Every_code_has_a_page_and_a_line_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        Assert.IsTrue(DiagnosticCodes.All.Count >= 14);
        foreach (var code in DiagnosticCodes.All)
        {
            Assert.IsTrue(File.Exists(Path.Combine(Repo.Root, "docs", "diagnostics", code + ".md")), $"docs/diagnostics/{code}.md is missing");
            StringAssert.Contains(readme, code, $"the README's diagnostics list lacks {code}");
        }
    }

    [TestMethod]
    public void Codes_are_unique_and_well_formed()
    {
        Assert.AreEqual(DiagnosticCodes.All.Count, DiagnosticCodes.All.Distinct().Count());
        Assert.IsTrue(DiagnosticCodes.All.All(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^CROSS[0-9]{4}$")));
    }
}
