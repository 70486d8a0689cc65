using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Tools;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>Adds the runtimes/&lt;rid&gt;/native/ files of the output to the app's deps.json (see <see cref="DepsFileRuntimeTargets"/>).</summary>
public sealed class CrossAddNativeFilesToDepsFile : CrossTask
{
    [Required]
    public string DepsFilePath { get; set; } = "";

    [Required]
    public string ProjectKey { get; set; } = "";

    /// <summary>Items to copy to the output; those whose TargetPath is runtimes/&lt;rid&gt;/native/... are listed.</summary>
    public ITaskItem[] Files { get; set; } = [];

    protected override void ExecuteCore()
    {
        if (!File.Exists(DepsFilePath))
        {
            return;
        }

        var native = Files
            .Select(f => f.GetMetadata("TargetPath").Replace('\\', '/'))
            .Where(p => p.StartsWith("runtimes/", StringComparison.Ordinal) && p.Contains("/native/", StringComparison.Ordinal))
            .ToList();
        try
        {
            var updated = DepsFileRuntimeTargets.Apply(File.ReadAllText(DepsFilePath), ProjectKey, native);
            if (updated is not null)
            {
                File.WriteAllText(DepsFilePath, updated);
                CrossLog.LogMessage(LogImportance.Normal, $"CrossSdk: listed {native.Count} native file(s) as runtimeTargets in {DepsFilePath}");
            }
        }
        catch (InvalidDataException ex)
        {
            Log.LogWarning(Secrets.Redact($"CrossSdk: could not add runtimeTargets to {DepsFilePath}: {ex.Message}"));
        }
    }
}
