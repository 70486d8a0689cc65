using System.Text;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;

namespace CrossSdk.Artifacts;

/// <summary>
/// Makes a Windows target's files load on Windows, as <see cref="Portability"/> does for ELF: each
/// DLL a shipped file imports is a Windows system DLL or ships beside it (Windows looks in the
/// folder of the DLL that loads it), found in the target's outputs and its toolchain's runtime
/// DLLs, or it is CROSS0102 naming the DLL and the import. A DLL renamed so .NET finds it
/// (libgreet.dll -> greet.dll) is renamed in the import tables of the shipped copies too.
/// </summary>
internal static class WindowsPortability
{
    /// <summary>Adds the DLLs the shipped files import from the closure (not system DLLs, not shipped already); fails on one found nowhere.</summary>
    public static IReadOnlyList<Artifact> Complete(IReadOnlyList<Artifact> artifacts, IReadOnlyDictionary<Installable, string> outputs, PortabilityMode mode)
    {
        if (mode == PortabilityMode.Off)
        {
            return artifacts;
        }

        var result = artifacts.ToList();
        var missing = new List<string>();
        var queue = new Queue<Artifact>(artifacts.Where(a => a.Pe is not null));
        while (queue.Count > 0)
        {
            var artifact = queue.Dequeue();
            var target = artifact.Plan.Target;
            foreach (var import in artifact.Pe!.Imports.DistinctBy(i => i.Dll, StringComparer.OrdinalIgnoreCase))
            {
                if (WindowsDlls.IsSystem(import.Dll) || result.Any(a => a.Plan.Target == target && Provides(a, import.Dll)))
                {
                    continue;
                }

                var found = SearchFolders(outputs, artifact.Plan.Key)
                    .Select(folder => FindIn(folder, import.Dll))
                    .FirstOrDefault(f => f is not null);
                if (found is null)
                {
                    var functions = import.Functions.Count == 0 ? "" : $" for {string.Join(", ", import.Functions.Take(4))}{(import.Functions.Count > 4 ? $" and {import.Functions.Count - 4} more" : "")}";
                    missing.Add($"runtimes/{target.Rid}/native/{artifact.FileName} imports {import.Dll}{functions}");
                    continue;
                }

                var real = File.ResolveLinkTarget(found, returnFinalTarget: true)?.FullName ?? found;
                var dependency = new Artifact(artifact.Plan, artifact.Package, real, Path.GetFileName(found), null) { Pe = PeFile.Read(real) };
                if (dependency.Pe?.Machine != target.PeMachine)
                {
                    missing.Add($"runtimes/{target.Rid}/native/{artifact.FileName} imports {import.Dll}, but the one found ({real}) is not a DLL for {target.Rid}");
                    continue;
                }

                result.Add(dependency);
                queue.Enqueue(dependency);
            }
        }

        if (missing.Count > 0)
        {
            throw new CrossException(
                DiagnosticCodes.WindowsImportMissing,
                $"Shipped Windows files import DLLs that are neither Windows system DLLs nor shipped beside them, so Windows will not load them: {string.Join("; ", missing.Distinct())}. " +
                "CrossSdk looked in the target's package outputs (bin/ and lib/) and its toolchain's runtime DLLs. Add the package that builds the DLL as a CrossPackage " +
                "(or to the package's buildInputs, whose DLLs nixpkgs links into bin/), link it statically, or set CrossPortability=off to ship the files as built.");
        }

        return result;
    }

    /// <summary>
    /// Points a shipped copy's imports at the names the DLLs ship under (libgreet.dll -> greet.dll):
    /// the new name is never longer, so it is written over the old one in place, NUL-padded.
    /// The copy is unsigned MinGW output; its PE checksum is not checked for DLLs.
    /// </summary>
    public static void RenameImports(string copy, Artifact artifact, IReadOnlyDictionary<string, string> renamed)
    {
        if (artifact.Pe is not { } pe)
        {
            return;
        }

        var changes = pe.Imports.Where(i => renamed.ContainsKey(i.Dll)).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        using var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite);
        foreach (var import in changes)
        {
            var name = Encoding.ASCII.GetBytes(renamed[import.Dll]);
            var old = Encoding.ASCII.GetByteCount(import.Dll);
            if (name.Length > old)
            {
                throw new InvalidOperationException($"{renamed[import.Dll]} is longer than {import.Dll}.");
            }

            var bytes = new byte[old];
            name.CopyTo(bytes, 0);
            file.Position = import.NameOffset;
            file.Write(bytes);
        }
    }

    /// <summary>Built name -> shipped name of every DLL renamed for a target, case-insensitive as Windows is.</summary>
    public static IReadOnlyDictionary<string, string> Renames(IEnumerable<Artifact> artifacts) =>
        artifacts.Where(a => a.BuiltName is not null)
            .GroupBy(a => a.BuiltName!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().FileName, StringComparer.OrdinalIgnoreCase);

    private static bool Provides(Artifact artifact, string dll) =>
        string.Equals(artifact.FileName, dll, StringComparison.OrdinalIgnoreCase)
        || string.Equals(artifact.BuiltName, dll, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a target's imported DLLs may be: bin/ and lib/ of each of its outputs, then its toolchain's runtime DLLs.</summary>
    private static IEnumerable<string> SearchFolders(IReadOnlyDictionary<Installable, string> outputs, PlanKey planKey) =>
        outputs.Where(o => o.Key.Plan?.Key == planKey && o.Key.Role == InstallableRole.Package)
            .OrderBy(o => o.Key.Name, StringComparer.Ordinal)
            .SelectMany(o => new[] { Path.Combine(o.Value, "bin"), Path.Combine(o.Value, "lib") })
            .Concat(outputs.Where(o => o.Key.Plan?.Key == planKey && o.Key.Role == InstallableRole.RuntimeDlls).Select(o => Path.Combine(o.Value, "bin")));

    /// <summary>A file of that name in the folder, matched without case as Windows matches it.</summary>
    private static string? FindIn(string folder, string dll) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).FirstOrDefault(f => string.Equals(Path.GetFileName(f), dll, StringComparison.OrdinalIgnoreCase))
            : null;
}
