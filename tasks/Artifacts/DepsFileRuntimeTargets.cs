using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrossSdk.Artifacts;

/// <summary>
/// Lists native files under the project's own entry of a deps.json, as "runtimeTargets", so that
/// a portable (RID-less) app finds runtimes/&lt;rid&gt;/native/ files: the host probes that folder
/// only for assets deps.json names. Pure: text in, text out.
/// https://github.com/dotnet/runtime/blob/main/docs/design/features/host-probing.md
/// </summary>
internal static class DepsFileRuntimeTargets
{
    /// <param name="depsJson">The deps.json text.</param>
    /// <param name="projectKey">The project's entry: "AssemblyName/Version".</param>
    /// <param name="nativeFiles">Relative paths runtimes/&lt;rid&gt;/native/&lt;file&gt;.</param>
    /// <returns>The new text, or null when nothing changes.</returns>
    public static string? Apply(string depsJson, string projectKey, IReadOnlyList<string> nativeFiles)
    {
        var root = JsonNode.Parse(depsJson)?.AsObject() ?? throw new InvalidDataException("deps.json is empty.");
        var targetName = root["runtimeTarget"]?["name"]?.GetValue<string>();
        var target = (targetName is null ? null : root["targets"]?[targetName]?.AsObject())
            ?? throw new InvalidDataException("deps.json has no runtimeTarget entry.");
        var entry = target[projectKey]?.AsObject()
            ?? throw new InvalidDataException($"deps.json has no entry '{projectKey}'.");

        var runtimeTargets = new JsonObject();
        foreach (var file in nativeFiles.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
        {
            var parts = file.Split('/');
            if (parts.Length < 4 || parts[0] != "runtimes" || parts[2] != "native")
            {
                continue;
            }

            runtimeTargets[file] = new JsonObject { ["rid"] = parts[1], ["assetType"] = "native" };
        }

        // This entry is the project's own: CrossSdk owns its runtimeTargets and rewrites them whole.
        var before = entry["runtimeTargets"]?.ToJsonString();
        if (runtimeTargets.Count == 0)
        {
            if (before is null)
            {
                return null;
            }

            entry.Remove("runtimeTargets");
        }
        else
        {
            if (before == runtimeTargets.ToJsonString())
            {
                return null;
            }

            entry["runtimeTargets"] = runtimeTargets;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
