using System.Text.Json;
using System.Text.Json.Nodes;
using CrossSdk.Pipeline;

namespace CrossSdk.Planning;

/// <summary>The JSON `dotnet build -t:CrossPlan` writes, for CI scripts. Pure.</summary>
internal static class PlanJson
{
    public static string Format(PreparedBuild prepared, BuildPlan plan)
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
        };
        // Relaxed escaping: the JSON is for people and scripts, not for embedding in HTML.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
