using System.Text.Json;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class NixStringTests
{
    [TestMethod]
    [DataRow("plain", "\"plain\"")]
    [DataRow("a \"quoted\" word", "\"a \\\"quoted\\\" word\"")]
    [DataRow(@"back\slash", "\"back\\\\slash\"")]
    [DataRow("${builtins.abort \"x\"}", "\"\\${builtins.abort \\\"x\\\"}\"")]
    [DataRow("$notInterpolation {x}", "\"$notInterpolation {x}\"")]
    [DataRow("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    public void Quotes_and_escapes_as_Nix_string_syntax_requires(string value, string expected) =>
        Assert.AreEqual(expected, NixString.Quote(value));

    [TestMethod]
    public void Attribute_names_are_bare_only_when_they_are_identifiers()
    {
        Assert.AreEqual("linux-arm64", NixString.AttrName("linux-arm64"));
        Assert.AreEqual("\"aarch64.multiplatform\"", NixString.AttrName("aarch64.multiplatform"));
        Assert.AreEqual("\"in\"", NixString.AttrName("in"));
        Assert.AreEqual("\"1abc\"", NixString.AttrName("1abc"));
        Assert.AreEqual("pkgs.xorg.\"lib X\"", NixString.Select("pkgs", ["xorg", "lib X"]));
    }

    [TestMethod]
    public void Relative_paths_are_refused() =>
        Assert.ThrowsExactly<ArgumentException>(() => NixString.Path("relative/greet.nix"));
}
