using System.Text.Json;
using System.Text.RegularExpressions;
using CrossSdk.Host;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A Nix 2.8 that answers from recordings, for the orchestration's unit tests: `--version`,
/// `show-config --json`, the one `eval` (each top-level attribute of the generated file becomes a
/// derivation whose output is a folder under <see cref="Store"/>, made when it is built), dry runs and `build --json` of
/// derivation paths. Every call is kept in <see cref="Calls"/>, so tests count processes and
/// evaluations the way an end-to-end test counts them with a recording nix on PATH.
/// </summary>
internal sealed partial class RecordedNix(string store, Func<string, string?> outputFolder) : IToolRunner
{
    private const string ShowConfig = """
        {"system":{"value":"x86_64-linux"},"extra-platforms":{"value":["i686-linux"]},"sandbox":{"value":true},
         "trusted-users":{"value":["root"]},"builders":{"value":""}}
        """;

    public string Store { get; } = store;

    public List<IReadOnlyList<string>> Calls { get; } = [];

    /// <summary>What a dry run of a candidate's derivations says it would build, by the candidate's key in the derivation names.</summary>
    public Dictionary<string, int> DerivationsToBuild { get; } = new(StringComparer.Ordinal);

    public int Evaluations => Calls.Count(c => NixCalls.Evaluates(string.Join(' ', c)));

    public Task<NixProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? onStandardErrorLine, CancellationToken cancellation)
    {
        Calls.Add(arguments);
        var words = arguments.ToList();
        if (words.Contains("--version"))
        {
            return Done("nix (Nix) 2.8.0\n");
        }

        if (words.Contains("show-config"))
        {
            return Done(ShowConfig);
        }

        if (words.Contains("eval"))
        {
            var file = words[words.IndexOf("-f") + 1];
            // --quiet lowers the log below chatty: Nix then says nothing of what it read.
            if (words.Contains("-vv") && !words.Contains("--quiet"))
            {
                ReportReads(File.ReadAllText(file), onStandardErrorLine);
            }

            var answer = TopLevelNames(File.ReadAllText(file)).ToDictionary(
                name => name,
                name => new { drv = Drv(name), output = "out", path = Path.Combine(Store, name) });
            return Done(JsonSerializer.Serialize(answer));
        }

        var derivations = words.Where(w => w.StartsWith(Store, StringComparison.Ordinal) && w.EndsWith(".drv", StringComparison.Ordinal)).ToList();
        if (words.Contains("--dry-run"))
        {
            var count = derivations.Sum(d => DerivationsToBuild.FirstOrDefault(kv => d.Contains(kv.Key, StringComparison.Ordinal)).Value);
            var lines = count == 0 ? [] : new[] { $"these {count} derivations will be built:" }.Concat(Enumerable.Range(0, count).Select(i => $"  {Store}/x{i}.drv"));
            foreach (var line in lines)
            {
                onStandardErrorLine?.Invoke("@nix " + JsonSerializer.Serialize(new { action = "msg", level = 0, msg = line }));
            }

            return Done("");
        }

        if (words.Contains("build"))
        {
            var results = derivations.Select(d => new { drvPath = d, outputs = new Dictionary<string, string> { ["out"] = OutPath(NameOf(d)) } }).ToList();
            if (words.IndexOf("--out-link") is var at and >= 0)
            {
                // As Nix makes them: LINK, LINK-1, LINK-2, ... (GC roots).
                for (var i = 0; i < results.Count; i++)
                {
                    var link = i == 0 ? words[at + 1] : $"{words[at + 1]}-{i}";
                    File.Delete(link);
                    File.CreateSymbolicLink(link, results[i].outputs["out"]);
                }
            }

            return Done(JsonSerializer.Serialize(results));
        }

        throw new InvalidOperationException("RecordedNix has no recording for: nix " + string.Join(' ', arguments));
    }

    /// <summary>
    /// What Nix 2.8 logs with -vv for a package file `{ stdenv }: ... src = ./.;`: the file it
    /// evaluated, and its folder copied into the store as the source (copied here, as Nix would).
    /// </summary>
    private void ReportReads(string expression, Action<string>? onStandardErrorLine)
    {
        foreach (Match m in PackageFile().Matches(expression))
        {
            var package = JsonSerializer.Deserialize<string>(m.Groups[1].Value)!;
            var source = Path.GetDirectoryName(package)!;
            var copy = Path.Combine(Store, $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source)))[..32].ToLowerInvariant()}-source");
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }

            SampleWorkspace.CopyDirectory(source, copy);
            Message(4, $"evaluating file '{package}'");
            Message(5, $"copied source '{source}' -> '{copy}'");
        }

        void Message(int level, string text) =>
            onStandardErrorLine?.Invoke("@nix " + JsonSerializer.Serialize(new { action = "msg", level, msg = text }));
    }

    [GeneratedRegex(@"callPackage \(/\. \+ (""[^""]*"")\)")]
    private static partial Regex PackageFile();

    private string Drv(string name) => $"{Store}/{name}.drv";

    private static string NameOf(string drv) => Path.GetFileNameWithoutExtension(drv);

    private string OutPath(string name)
    {
        var folder = Path.Combine(Store, name);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            if (outputFolder(name) is { } content)
            {
                SampleWorkspace.CopyDirectory(content, folder);
            }
        }

        return folder;
    }

    /// <summary>The attributes of the generated file's final set (the lines after `in` and `{`).</summary>
    private static IEnumerable<string> TopLevelNames(string text) =>
        text[(text.LastIndexOf("\nin\n{", StringComparison.Ordinal) + 5)..]
            .Split('\n')
            .Select(line => TopLevel().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^  ([A-Za-z_][A-Za-z0-9_'-]*) = ")]
    private static partial Regex TopLevel();

    private static Task<NixProcessResult> Done(string stdout) => Task.FromResult(new NixProcessResult(0, stdout));
}
