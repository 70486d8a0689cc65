using System.Text.Json;
using System.Text.Json.Nodes;
using CrossSdk.Pipeline;
using CrossSdk.Artifacts;
using CrossSdk.Platforms;
using CrossSdk.Planning;

namespace CrossSdk.Doctor;

/// <summary>The JSON `dotnet build -t:CrossPlan` writes, for CI scripts. Pure.</summary>
internal static class PlanJson
{
    /// <param name="whereItRuns">What each file the last build shipped needs (docs/where-it-runs.md); empty before the first build.</param>
    /// <param name="expansion">What CrossTargets=dotnet expanded to, when the project uses it.</param>
    public static string Format(PreparedBuild prepared, BuildPlan plan, IReadOnlyList<FileRequirement>? whereItRuns = null, DotnetRidExpansion? expansion = null)
    {
        var root = new JsonObject
        {
            ["crossSdk"] = prepared.CrossSdkVersion,
            ["project"] = prepared.ProjectName,
            ["nixpkgs"] = prepared.Nixpkgs.Description,
            ["host"] = new JsonObject { ["system"] = plan.Host.Nix.System, ["nix"] = plan.Host.Nix.Version.ToString() },
            ["upToDateKey"] = prepared.Key,
            ["targets"] = new JsonArray(plan.Plans.Select(p => (JsonNode)new JsonObject
            {
                ["target"] = p.Target.NixSystem,
                ["rid"] = p.Target.Rid,
                ["config"] = p.Target.Config,
                ["libc"] = p.Target.Libc.ToString().ToLowerInvariant(),
                ["strategy"] = p.Strategy.ToText(),
                ["pkgs"] = p.PkgsDescription,
                // The nixpkgs this target is built with: its own (CrossTarget Nixpkgs) or the project's.
                ["nixpkgs"] = prepared.NixpkgsFor(p.Target).Description,
                ["ownNixpkgs"] = prepared.TargetNixpkgs.ContainsKey(p.Target.Rid),
                ["glibc"] = prepared.TargetGlibc.TryGetValue(p.Target.Rid, out var glibc) ? glibc.ToString() : null,
                ["reason"] = p.Reason,
                ["outputFolder"] = $"runtimes/{p.Target.Rid}/native/",
            }).ToArray()),
            ["packages"] = new JsonArray(prepared.Packages.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Key,
                ["kind"] = p.Kind.ToString().ToLowerInvariant(),
                ["source"] = p.Source,
                ["outputs"] = new JsonArray(p.Outputs.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
                ["include"] = new JsonArray(p.Include.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray()),
            }).ToArray()),
            // The files of the last build that succeeded (the plan builds nothing): what each needs, where it runs.
            ["whereItRuns"] = WhereItRuns.Json(whereItRuns ?? []),
        };
        if (expansion is not null)
        {
            root["dotnetTargets"] = expansion.Json();
        }

        // Relaxed escaping: the JSON is for people and scripts, not for embedding in HTML.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
