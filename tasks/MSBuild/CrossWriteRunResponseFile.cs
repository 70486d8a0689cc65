using CrossSdk.Run;
using CrossSdk.Tools;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// Writes the response file of the NativeAOT publish for the run target, which runs as a
/// `dotnet publish` of its own: `dotnet run` asks ComputeRunArguments in a build without
/// DOTNET_HOST_PATH, where NativeAOT's ILLink tasks cannot start their task host (MSB4221).
/// </summary>
public sealed class CrossWriteRunResponseFile : CrossTask
{
    [Required]
    public string Project { get; set; } = "";

    /// <summary>Name=Value items: the properties of the build for the run target.</summary>
    public ITaskItem[] Properties { get; set; } = [];

    /// <summary>Global properties that must not be passed on.</summary>
    public string[] RemoveProperties { get; set; } = [];

    [Required]
    public string File { get; set; } = "";

    protected override void ExecuteCore()
    {
        var globals = BuildEngine is IBuildEngine6 engine ? engine.GetGlobalProperties() : new Dictionary<string, string>();
        var properties = Properties.ToDictionary(p => p.ItemSpec, p => p.GetMetadata("Value"), StringComparer.OrdinalIgnoreCase);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
        Tools.Files.WriteIfChanged(File, ResponseFile.Text(Project, new Dictionary<string, string>(globals), properties, RemoveProperties));
    }
}
