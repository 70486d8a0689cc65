using System.Text.Json.Nodes;

namespace CrossSdk.Platforms;

/// <summary>What CrossTargets=dotnet expanded to: the RIDs built, and each RID of the SDK's list left out with why.</summary>
/// <param name="Source">The .NET SDK file the RIDs were read from.</param>
/// <param name="TargetFramework">The framework whose runtime packs they are (net10.0).</param>
/// <param name="Included">The RIDs built, in the SDK's order.</param>
/// <param name="LeftOut">The SDK's other RIDs, each with the reason.</param>
internal sealed record DotnetRidExpansion(string Source, string TargetFramework, IReadOnlyList<string> Included, IReadOnlyList<(string Rid, string Reason)> LeftOut)
{
    /// <summary>The build output's lines: what it expanded to, and what it left out (grouped by reason).</summary>
    public IReadOnlyList<string> Lines() =>
    [
        $"CrossSdk: CrossTargets=dotnet: {string.Join(", ", Included)} (every Linux and Windows RID {TargetFramework} supports, from {Source})",
        .. LeftOut.GroupBy(l => l.Reason).Select(g => $"CrossSdk: CrossTargets=dotnet left out {string.Join(", ", g.Select(l => l.Rid))}: {g.Key}"),
    ];

    public JsonObject Json() => new()
    {
        ["source"] = Source,
        ["targetFramework"] = TargetFramework,
        ["included"] = new JsonArray(Included.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        ["leftOut"] = new JsonArray(LeftOut.Select(l => (JsonNode)new JsonObject { ["rid"] = l.Rid, ["reason"] = l.Reason }).ToArray()),
    };
}
