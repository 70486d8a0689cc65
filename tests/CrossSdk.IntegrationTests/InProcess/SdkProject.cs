using System.Security;
using CrossSdk.Tests.Infrastructure;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>
/// A project that uses CrossSdk the way a PackageReference brings it: Microsoft.NET.Sdk, then the
/// repository's sdk/build/CrossSdk.props and (unless left out) sdk/build/CrossSdk.targets, with
/// CrossSdkTasksAssembly pointing at the task assembly built next to the tests, so no package is
/// packed. Evaluated and built in this process by the MSBuild that Microsoft.Build.Locator
/// registered (ModuleSetup): no dotnet process starts.
/// </summary>
public sealed class SdkProject : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly List<ProjectCollection> collections = [];

    /// <param name="body">Project XML between the props and the targets: properties, items.</param>
    /// <param name="importTargets">false: only build/CrossSdk.props, as before the targets are read.</param>
    public SdkProject(string body = "", bool importTargets = true)
    {
        var build = Path.Combine(Repo.Root, "sdk", "build");
        ProjectFile = folder.Write("App.csproj", $"""
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{SecurityElement.Escape(Path.Combine(build, "CrossSdk.props"))}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <CrossSdkTasksAssembly>{SecurityElement.Escape(TasksAssembly)}</CrossSdkTasksAssembly>
              </PropertyGroup>
              {body}
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              {(importTargets ? $"""<Import Project="{SecurityElement.Escape(Path.Combine(build, "CrossSdk.targets"))}" />""" : "")}
            </Project>
            """);
    }

    /// <summary>The task assembly the test project references, copied next to the tests.</summary>
    public static string TasksAssembly => Path.Combine(AppContext.BaseDirectory, "CrossSdk.Tasks.dll");

    public string ProjectFile { get; }

    public string Directory => folder.Path;

    /// <summary>obj/cross/: settings.txt, the proof, the manifest and the stamp.</summary>
    public string CrossFolder => Path.Combine(folder.Path, "obj", "cross");

    public string Write(string relativePath, string content) => folder.Write(relativePath, content);

    /// <summary>The project evaluated afresh (a new ProjectCollection: nothing cached from an earlier evaluation).</summary>
    public ProjectInstance Evaluate(IDictionary<string, string>? globalProperties = null)
    {
        // The temporary folder is under the test machine's temp directory: keep any
        // Directory.Build.* or Directory.Packages.props above it out of the project.
        var properties = new Dictionary<string, string>
        {
            ["ImportDirectoryBuildProps"] = "false",
            ["ImportDirectoryBuildTargets"] = "false",
            ["ImportDirectoryPackagesProps"] = "false",
        };
        foreach (var (name, value) in globalProperties ?? new Dictionary<string, string>())
        {
            properties[name] = value;
        }

        var collection = new ProjectCollection(properties);
        collections.Add(collection);
        return new Project(ProjectFile, null, null, collection).CreateProjectInstance();
    }

    /// <summary>Evaluates afresh and builds <paramref name="target"/> on that instance, which keeps the properties and items the targets set.</summary>
    public InProcessBuild Build(string target, IDictionary<string, string>? globalProperties = null)
    {
        var instance = Evaluate(globalProperties);
        var events = new EventRecorder();
        var succeeded = instance.Build([target], [events]);
        return new InProcessBuild(succeeded, instance, events);
    }

    public void Dispose()
    {
        collections.ForEach(c => c.Dispose());
        folder.Dispose();
    }
}
