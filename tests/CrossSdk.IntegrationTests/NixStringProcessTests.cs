using System.Text.Json;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>Nix strings and paths as the real nix reads them.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class NixStringProcessTests
{
    public static IEnumerable<object[]> HostileValues =>
    [
        ["/tmp/dir with space/greet.nix"],
        ["/tmp/\"; builtins.abort \"injected\"; \"/x"],
        ["/tmp/${builtins.abort \"injected\"}/x"],
        ["/tmp/$${x}/\\${y}/\\\\${z}"],
        ["/tmp/back\\slash\\\"quote/x"],
        ["/tmp/''${x}'' and ' quotes"],
        ["/tmp/new\nline\r\t/x"],
        ["/tmp/ünïcødé/✓"],
    ];

    [TestMethod]
    [DynamicData(nameof(HostileValues))]
    public async Task A_quoted_value_evaluates_to_itself_in_real_Nix(string value)
    {
        var json = await Processes.NixEvalJsonAsync(NixString.Quote(value));
        Assert.AreEqual(value, JsonSerializer.Deserialize<string>(json));
    }

    [TestMethod]
    [DynamicData(nameof(HostileValues))]
    public async Task A_path_built_from_a_hostile_string_is_that_path_in_real_Nix(string value)
    {
        var json = await Processes.NixEvalJsonAsync($"builtins.toString {NixString.Path(value)}");
        Assert.AreEqual(value, JsonSerializer.Deserialize<string>(json));
    }
}
