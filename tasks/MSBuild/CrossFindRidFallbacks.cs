using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// Finds the RIDs that would fall back to a native library built for another C library (see
/// <see cref="RidFallbacks"/>) and writes each warning's text to its own file,
/// <c>WarningsFolder/CROSSnnnn.txt</c> (empty when there is none). CrossSdk.targets says them
/// with MSBuild's own Warning task at every build and pack, so a no-op build repeats them
/// without loading this assembly; this task runs only when the shipped RIDs or the graph change.
/// </summary>
public sealed class CrossFindRidFallbacks : CrossTask
{
    /// <summary>The RID graph the .NET SDK in use resolves with: $(RuntimeIdentifierGraphPath).</summary>
    public string RidGraphPath { get; set; } = "";

    /// <summary>The RIDs this project ships shared libraries for.</summary>
    public string[] ShippedRids { get; set; } = [];

    [Required]
    public string WarningsFolder { get; set; } = "";

    private protected override string? WriteFolder => WarningsFolder;

    protected override void ExecuteCore()
    {
        var texts = new Dictionary<string, string>
        {
            [DiagnosticCodes.MuslFallsBackToGlibc] = "",
            [DiagnosticCodes.BionicFallsBackToGlibc] = "",
        };
        if (RidGraphPath.Length > 0 && File.Exists(RidGraphPath))
        {
            var shipped = ShippedRids.Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var fallbacks = RidFallbacks.Find(RidGraph.Read(RidGraphPath), shipped);
            foreach (var (code, text) in RidFallbacks.Warnings(fallbacks, shipped, RidGraphPath))
            {
                texts[code] = text;
            }
        }
        else
        {
            // An SDK before 6.0 has no RuntimeIdentifierGraphPath; CrossSdk needs a newer one anyway.
            CrossLog.LogMessage(Diagnostics.LogImportance.Low, $"CrossSdk: no RID graph ('{RidGraphPath}'), so the RID fallbacks are not checked.");
        }

        Directory.CreateDirectory(WarningsFolder);
        foreach (var (code, text) in texts)
        {
            File.WriteAllText(Path.Combine(WarningsFolder, code + ".txt"), text);
        }
    }
}
