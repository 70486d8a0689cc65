using CrossSdk.Settings;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// The base of every task that reads CrossSdk's settings: it receives them as one list and has no
/// parameter of its own for any of them (<see cref="SettingsParser"/> makes the request).
/// </summary>
public abstract class CrossSettingsTask : CrossTask
{
    private CrossBuildRequest? request;

    /// <summary>
    /// The settings list, the _CrossSetting items of CrossSdk.Settings.targets: Include is a setting's
    /// name (a <see cref="CrossBuildRequest"/> field), Value its value.
    /// </summary>
    public ITaskItem[] Settings { get; set; } = [];

    /// <summary>
    /// The settings that can hold a URL with a credential, as "Name=value" (MSBuild-escaped in the
    /// targets, so a ';' stays in its value). A parameter whose logging the targets turn off
    /// (DisableLogTaskParameter_*_SecretSettings): an item's values would be logged.
    /// </summary>
    public string[] SecretSettings { get; set; } = [];

    /// <summary>CrossTarget items: Include = a target spelling; Strategy, Rid, Nixpkgs and Glibc metadata.</summary>
    public ITaskItem[] TargetStrategies { get; set; } = [];

    /// <summary>obj/cross/, once the settings are read: named when a full disk stops a write.</summary>
    private protected override string? WriteFolder => request?.IntermediateDirectory;

    /// <summary>The request the settings and <paramref name="items"/> (the task's other item parameters) make.</summary>
    private protected CrossBuildRequest ReadSettings(CrossBuildRequest items)
    {
        var settings = Settings.Select(s => (s.ItemSpec, s.GetMetadata("Value")));
        var secrets = SecretSettings.Select(s => s.Split('=', 2) is [var name, var value] ? (name, value) : (s, ""));
        request = SettingsParser.Parse(items with { Targets = [.. items.Targets, .. TargetStrategies.Select(t => t.ItemSpec)], }, settings, secrets);
        if (string.IsNullOrEmpty(request.ProjectDirectory))
        {
            throw new InvalidOperationException($"{GetType().Name} needs the ProjectDirectory and IntermediateDirectory settings (the _CrossSetting items of CrossSdk.Settings.targets).");
        }

        return request with
        {
            TargetStrategies = TargetStrategies
                .GroupBy(i => i.ItemSpec, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Strategy"), StringComparer.Ordinal),
            TargetRids = TargetStrategies
                .Where(i => !string.IsNullOrWhiteSpace(i.GetMetadata("Rid")))
                .GroupBy(i => i.ItemSpec.Trim(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Rid"), StringComparer.Ordinal),
            TargetNixpkgs = TargetMetadata("Nixpkgs"),
            TargetGlibc = TargetMetadata("Glibc"),
        };
    }

    /// <summary>The request with no item but the CrossTarget items: what the settings alone make.</summary>
    private protected CrossBuildRequest ReadSettings() =>
        ReadSettings(new CrossBuildRequest { ProjectDirectory = "", IntermediateDirectory = "", CrossSdkVersion = CrossTaskBase.Version });

    /// <summary>One metadata of the CrossTarget items that set it (target spelling -> value; the last item wins).</summary>
    private Dictionary<string, string> TargetMetadata(string name) => TargetStrategies
        .Where(i => !string.IsNullOrWhiteSpace(i.GetMetadata(name)))
        .GroupBy(i => i.ItemSpec.Trim(), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().GetMetadata(name).Trim(), StringComparer.Ordinal);
}
