using System.Text.Json;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A copy of samples/HelloNative in a folder of its own, set up as a user's checkout would be:
/// global.json naming the packed CrossSdk version, NuGet.config with the test feed, and
/// CrossNixpkgs pointing at the offline package set. Optionally a nix on PATH that records calls.
/// </summary>
public sealed class SampleWorkspace : IDisposable
{
    private readonly TempDirectory temp;

    private SampleWorkspace(TempDirectory temp, string root)
    {
        this.temp = temp;
        Root = root;
    }

    public string Root { get; }

    /// <summary>The temp folder holding the sample and what a user's checkout has above it.</summary>
    public string Folder => temp.Path;

    public string App => Path.Combine(Root, "HelloNative");

    public string Library => Path.Combine(Root, "Greet");

    /// <summary>Greet.Tests: MSTest (Microsoft.Testing.Platform) tests that P/Invoke the library.</summary>
    public string Tests => Path.Combine(Root, "Greet.Tests");

    /// <summary>Each nix call made through <see cref="RecordingNix"/>, one line each.</summary>
    public string NixCallLog => Path.Combine(temp.Path, "nix-calls.log");

    /// <summary>A nix that appends its arguments to <see cref="NixCallLog"/> and runs the real one.</summary>
    public string RecordingNix { get; private set; } = "";

    public int NixCalls => File.Exists(NixCallLog) ? File.ReadAllLines(NixCallLog).Length : 0;

    public static async Task<SampleWorkspace> CreateAsync(string parentFolderName = "work")
    {
        var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, parentFolderName, "HelloNative");
        CopyDirectory(Path.Combine(Repo.Samples, "HelloNative"), root);

        await WriteUserSetupAsync(temp.Path);

        var workspace = new SampleWorkspace(temp, root);
        workspace.RecordingNix = temp.Write("tools/nix", $"""
            #!/bin/sh
            printf '%s\n' "$*" >> '{workspace.NixCallLog}'
            exec nix "$@"
            """);
        File.SetUnixFileMode(workspace.RecordingNix, (UnixFileMode)0b111_101_101);
        return workspace;
    }

    public Task<ProcessOutput> DotNetAsync(params string[] arguments) => DotNet.RunAsync(Root, arguments);

    /// <summary>
    /// What a user's checkout has above its projects: global.json naming the packed CrossSdk
    /// version, NuGet.config with the test feed, and Directory.Build.props with CrossNixpkgs
    /// pointing at the offline package set (or at the copies given).
    /// </summary>
    public static async Task WriteUserSetupAsync(string folder, string? feedCopy = null, string? nixpkgsCopy = null)
    {
        var (packedFeed, version) = await SdkFeed.GetAsync();
        var feed = feedCopy ?? packedFeed;
        var nixpkgs = nixpkgsCopy ?? Repo.OfflineNixpkgs;
        var globalJson = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(Repo.Root, "global.json")))!;
        File.WriteAllText(Path.Combine(folder, "global.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sdk"] = globalJson["sdk"],
            ["msbuild-sdks"] = new Dictionary<string, string> { ["CrossSdk"] = version },
            // dotnet test runs Microsoft.Testing.Platform apps (Greet.Tests) in its MTP mode.
            ["test"] = new Dictionary<string, string> { ["runner"] = "Microsoft.Testing.Platform" },
        }));
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="crosssdk-test" value="{System.Security.SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <CrossNixpkgs>{System.Security.SecurityElement.Escape(nixpkgs)}</CrossNixpkgs>
              </PropertyGroup>
            </Project>
            """);
    }

    /// <summary>Adds files to the library project and a CrossPackage item (with metadata) for the first.</summary>
    public void AddPackage(string folder, IReadOnlyDictionary<string, string> files, string itemSpec, string metadata = "")
    {
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(Library, folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        var project = Path.Combine(Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<CrossPackage Include=\"native/greet.nix\" />",
            $"<CrossPackage Include=\"native/greet.nix\" />\n    <CrossPackage Include=\"{itemSpec}\" {metadata} />",
            StringComparison.Ordinal));
    }

    /// <summary>Adds items (XML) to the library project.</summary>
    public void AddItems(string xml)
    {
        var project = Path.Combine(Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", $"  <ItemGroup>{xml}</ItemGroup>\n</Project>", StringComparison.Ordinal));
    }

    /// <summary>Makes the C source unique, so that Nix has derivations to build that no earlier test built.</summary>
    public void SaltSource()
    {
        var source = Path.Combine(Library, "native", "greet.c");
        File.AppendAllText(source, $"\n/* salt {Guid.NewGuid():N} */\n");
    }

    /// <summary>Evaluates an attribute of the generated obj/cross/crosssdk.nix of the library.</summary>
    public async Task<string> EvalGeneratedAsync(string attributePath)
    {
        var result = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "eval", "--raw", "-f", LibraryCross("crosssdk.nix"), attributePath]);
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        return result.StandardOutput;
    }

    public string AppOutput(string rid = "") => Path.Combine(App, "bin", "Debug", "net10.0", rid);

    /// <summary>The library's Debug output folder for a target: bin/Debug/net10.0/runtimes/&lt;rid&gt;/native.</summary>
    public string LibraryNative(string rid) => Path.Combine(Library, "bin", "Debug", "net10.0", "runtimes", rid, "native");

    /// <summary>A path under the library's obj/cross/ (crosssdk.nix, plan.json, manifest.json, out/...).</summary>
    public string LibraryCross(params string[] parts) => Path.Combine([Library, "obj", "cross", .. parts]);

    public void Dispose() => temp.Dispose();

    /// <summary>Copies a sample without its build outputs (bin/, obj/) and its NuGet.config.</summary>
    public static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split('/').Any(p => p is "bin" or "obj") || relative == "NuGet.config")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(destination, relative))!);
            File.Copy(file, Path.Combine(destination, relative));
        }
    }
}
