using System.Text.Json.Nodes;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Artifacts;

/// <summary>
/// Where each shipped native file runs: the oldest C library it needs, read from the file
/// (glibc: the highest GLIBC_x.y of its version-needed entries; musl: none, musl has no symbol
/// versions; Windows: its C runtime import and PE subsystem version), said in distribution
/// releases (<see cref="Distributions"/>) and held against what .NET itself needs on the RID
/// (<see cref="DotnetFloors"/>). Pure but for reading the files.
/// </summary>
internal static class WhereItRuns
{
    /// <summary>The folder under obj/cross/ where a build leaves the report's lines and its pack warning (read by CrossSdk.targets with MSBuild's own tasks).</summary>
    public const string Folder = "report";

    /// <summary>The report's lines, one per RID.</summary>
    public const string LinesFile = "where-it-runs.txt";

    /// <summary>What CrossTargets=dotnet expanded to, as the build that ran the task said it.</summary>
    public const string TargetsFile = "dotnet-targets.txt";

    /// <summary>Reads what each file needs; files that are neither ELF nor PE (a .a, a data file) are left out.</summary>
    public static IReadOnlyList<FileRequirement> Read(IEnumerable<ShippedFile> files) =>
        files.Where(f => !f.Static)
            .Select(f => Read(f.Rid, f.FileName, f.Path))
            .Where(r => r.Libc != "other")
            .ToList();

    public static FileRequirement Read(string rid, string fileName, string path)
    {
        try
        {
            return Read(rid, fileName, File.ReadAllBytes(path));
        }
        catch (InvalidDataException)
        {
            // A data file that happens to start like ELF or PE: the report is not where it fails.
            return new FileRequirement(rid, fileName, "other");
        }
    }

    private static FileRequirement Read(string rid, string fileName, byte[] bytes)
    {
        if (ElfFile.Parse(bytes) is { } elf)
        {
            var glibc = Portability.Newest(elf, "GLIBC_");
            return new FileRequirement(rid, fileName, IsMusl(rid, elf) ? "musl" : "glibc")
            {
                Glibc = glibc?.Version,
                GlibcSymbols = glibc?.Symbol,
                Glibcxx = Portability.Newest(elf, "GLIBCXX_")?.Version,
            };
        }

        if (PeFile.Parse(bytes) is { } pe)
        {
            var crt = pe.Imports.Select(i => i.Dll).FirstOrDefault(d =>
                d.Equals("msvcrt.dll", StringComparison.OrdinalIgnoreCase)
                || d.Equals("ucrtbase.dll", StringComparison.OrdinalIgnoreCase)
                || d.StartsWith("api-ms-win-crt-", StringComparison.OrdinalIgnoreCase));
            return new FileRequirement(rid, fileName, "windows") { WindowsSubsystem = pe.SubsystemVersion, WindowsCRuntime = crt };
        }

        return new FileRequirement(rid, fileName, "other");
    }

    /// <summary>
    /// musl by the file (musl's libc.so or loader, no GLIBC_ version) or else by its RID: a musl
    /// library needs no versioned symbol, and a glibc one always needs some from libc.so.6.
    /// </summary>
    private static bool IsMusl(string rid, ElfFile elf) =>
        elf.Needed.Any(n => n == "libc.so" || n.StartsWith("libc.musl-", StringComparison.Ordinal) || n.StartsWith("ld-musl-", StringComparison.Ordinal))
        || (elf.Interpreter?.Contains("ld-musl-", StringComparison.Ordinal) ?? false)
        || (rid.Contains("-musl", StringComparison.OrdinalIgnoreCase) && !elf.RequiredVersions.Any(v => v.StartsWith("GLIBC_", StringComparison.Ordinal)));

    /// <summary>One line per RID, in the order the files ship: what the RID's files need together, and where that runs.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<FileRequirement> files) =>
        files.GroupBy(f => f.Rid, StringComparer.Ordinal).Select(g => $"CrossSdk: where it runs: {g.Key}: {Summary(g.ToList())}").ToList();

    private static string Summary(List<FileRequirement> files)
    {
        var rid = files[0].Rid;
        var parts = new List<string>();
        var glibcFiles = files.Where(f => f.Libc == "glibc").ToList();
        if (glibcFiles.Count > 0)
        {
            var newest = glibcFiles.Max(f => f.Glibc);
            if (newest is null)
            {
                parts.Add($"needs any glibc (no versioned symbols in {Names(glibcFiles)})");
            }
            else
            {
                var dotnet = DotnetFloors.Glibc(rid);
                var beyond = dotnet is not null && newest > dotnet ? $"; more than {DotnetFloors.Dotnet} needs on {rid} (glibc {dotnet})" : dotnet is not null ? $"; {DotnetFloors.Dotnet} itself needs glibc {dotnet} there" : "";
                parts.Add($"needs glibc {newest} ({Names(glibcFiles.Where(f => f.Glibc == newest))}): {RunsOn("glibc", newest)}{beyond}");
            }

            if (glibcFiles.Max(f => f.Glibcxx) is { } glibcxx)
            {
                parts.Add($"and libstdc++ with GLIBCXX_{glibcxx} ({Names(glibcFiles.Where(f => f.Glibcxx == glibcxx))})");
            }
        }

        var musl = files.Where(f => f.Libc == "musl").ToList();
        if (musl.Count > 0)
        {
            var floor = DotnetFloors.All.First(f => f.Libc == "musl").Version;
            parts.Add($"needs musl ({Names(musl)}; musl has no symbol versions, so any musl {DotnetFloors.Dotnet} runs on, {floor} or later: {RunsOn("musl", floor)})");
        }

        var windows = files.Where(f => f.Libc == "windows").ToList();
        if (windows.Count > 0)
        {
            var subsystem = windows.Max(f => f.WindowsSubsystem)!;
            var crt = windows.Select(f => f.WindowsCRuntime).OfType<string>().Select(CRuntimeText).Distinct().ToList();
            parts.Add($"needs Windows {WindowsName(subsystem)} or later (PE subsystem {subsystem}, {Names(windows.Where(f => f.WindowsSubsystem == subsystem))})" +
                (crt.Count > 0 ? $" with {string.Join(" and ", crt)}" : ""));
        }

        return string.Join("; ", parts);
    }

    private static string RunsOn(string libc, Version version) =>
        Distributions.RunsOn(libc, version) is { Count: > 0 } list ? string.Join(", ", list) : $"no release docs/where-it-runs.md lists has {libc} {version}";

    private static string CRuntimeText(string dll) =>
        dll.Equals("msvcrt.dll", StringComparison.OrdinalIgnoreCase)
            ? "msvcrt.dll (part of every Windows)"
            : "the Universal C Runtime (part of Windows 10 and later; an update on Windows 7 and 8.1)";

    /// <summary>The Windows release a PE subsystem version stands for (Microsoft's "Operating System Version" table).</summary>
    internal static string WindowsName(Version subsystem) => (subsystem.Major, subsystem.Minor) switch
    {
        (< 5, _) or (5, 0) => "2000",
        (5, 1) => "XP",
        (5, 2) => "XP x64 / Server 2003",
        (6, 0) => "Vista / Server 2008",
        (6, 1) => "7 / Server 2008 R2",
        (6, 2) => "8 / Server 2012",
        (6, 3) => "8.1 / Server 2012 R2",
        _ => "10 / Server 2016",
    };

    private static string Names(IEnumerable<FileRequirement> files)
    {
        var names = files.Select(f => f.FileName).Distinct(StringComparer.Ordinal).ToList();
        return names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
    }

    /// <summary>The files that need a newer glibc than .NET itself needs on their RID.</summary>
    public static IReadOnlyList<FileRequirement> BeyondDotnet(IReadOnlyList<FileRequirement> files) =>
        files.Where(f => f.Libc == "glibc" && f.Glibc is { } g && DotnetFloors.Glibc(f.Rid) is { } floor && g > floor).ToList();

    /// <summary>
    /// The text of the pack warning (CROSS0125) or of the error of CrossGlibcFloor=dotnet
    /// (CROSS0126): per file, what it needs, what .NET needs there, who cannot load it, and the fix.
    /// Null when every file is within .NET's own floor.
    /// </summary>
    public static string? BeyondDotnetText(IReadOnlyList<FileRequirement> files)
    {
        var beyond = BeyondDotnet(files);
        if (beyond.Count == 0)
        {
            return null;
        }

        var parts = beyond.GroupBy(f => f.Rid, StringComparer.Ordinal).Select(g =>
        {
            var floor = DotnetFloors.Glibc(g.Key)!;
            var needed = g.Max(f => f.Glibc)!;
            var files = string.Join(", ", g.Select(f => $"{f.FileName} needs glibc {f.Glibc} (for {f.GlibcSymbols})"));
            var leftOut = Distributions.LeftOut("glibc", floor, needed);
            var users = leftOut.Count > 0 ? $": users on {string.Join(", ", leftOut)} cannot load it" : "";
            var release = GlibcReleases.NewestAtMost(floor) is { } r
                ? $"a per-target nixpkgs (<CrossTarget Include=\"{g.Key}\" Nixpkgs=\"github:NixOS/nixpkgs/{r.Release}\" Glibc=\"{floor}\" />)"
                : $"a per-target nixpkgs whose glibc is {floor} or older (Nixpkgs metadata; docs/older-glibc.md), or a Debian 10 or Ubuntu 18.04 sysroot";
            return $"runtimes/{g.Key}/native/: {files}; {DotnetFloors.Dotnet} runs on glibc {floor} on {g.Key}{users}. " +
                $"Add Glibc=\"{floor}\" (<CrossTarget Include=\"{g.Key}\" Glibc=\"{floor}\" />, which makes the build prove it) and build it with {release}, or avoid the symbols named";
        });
        return $"Shipped files need a newer glibc than .NET itself on their RID, so apps that ship them run on fewer systems than .NET does: {string.Join(". ", parts)}.";
    }

    /// <summary>CrossGlibcFloor=dotnet: fails (CROSS0126) when a file needs more than .NET itself on its RID.</summary>
    public static void RequireDotnetFloor(IReadOnlyList<FileRequirement> files)
    {
        if (BeyondDotnetText(files) is { } text)
        {
            throw new CrossException(DiagnosticCodes.GlibcBeyondDotnetFloor, text + " (CrossGlibcFloor=dotnet makes this an error.)");
        }
    }

    /// <summary>The full list for CrossPlan's JSON.</summary>
    public static JsonArray Json(IReadOnlyList<FileRequirement> files) =>
        new(files.Select(f => (JsonNode)new JsonObject
        {
            ["rid"] = f.Rid,
            ["file"] = f.FileName,
            ["libc"] = f.Libc,
            ["glibc"] = f.Glibc?.ToString(),
            ["glibcSymbols"] = f.GlibcSymbols,
            ["glibcxx"] = f.Glibcxx?.ToString(),
            ["windowsSubsystem"] = f.WindowsSubsystem?.ToString(),
            ["windowsCRuntime"] = f.WindowsCRuntime,
            ["runsOn"] = new JsonArray((f.Libc switch
            {
                "glibc" => Distributions.RunsOn("glibc", f.Glibc ?? new Version(2, 0)),
                "musl" => Distributions.RunsOn("musl", DotnetFloors.All.First(d => d.Libc == "musl").Version),
                "windows" => [$"Windows {WindowsName(f.WindowsSubsystem!)}+"],
                _ => [],
            }).Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()),
            ["dotnetNeeds"] = DotnetFloors.Describe(f.Rid),
            ["beyondDotnet"] = f.Libc == "glibc" && f.Glibc is { } g && DotnetFloors.Glibc(f.Rid) is { } floor && g > floor,
        }).ToArray());
}
