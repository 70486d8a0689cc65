namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A project folder of this repository (tests/real-libraries, samples/CmakeZlib, ...) copied into
/// a temp folder set up as a user's checkout: global.json, NuGet.config with the test feed, and
/// CrossNixpkgs pointing at the offline package set.
/// </summary>
public sealed class ProjectWorkspace : IDisposable
{
    private readonly TempDirectory temp;

    private ProjectWorkspace(TempDirectory temp, string root)
    {
        this.temp = temp;
        Root = root;
    }

    public string Root { get; }

    public static async Task<ProjectWorkspace> CreateAsync(params string[] repoFolder)
    {
        var source = System.IO.Path.Combine([Repo.Root, .. repoFolder]);
        var temp = new TempDirectory();
        var root = System.IO.Path.Combine(temp.Path, "work", System.IO.Path.GetFileName(source));
        SampleWorkspace.CopyDirectory(source, root);
        // A folder's own Directory.Build.props keeps the repository's settings away from it; in
        // the copy it would hide the user set-up's (CrossNixpkgs) above it.
        System.IO.File.Delete(System.IO.Path.Combine(root, "Directory.Build.props"));
        await SampleWorkspace.WriteUserSetupAsync(temp.Path);
        return new ProjectWorkspace(temp, root);
    }

    public string File(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public Task<ProcessOutput> DotNetAsync(params string[] arguments) => DotNet.RunAsync(Root, arguments);

    public void Dispose() => temp.Dispose();
}
