using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Platforms;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CrossSdk.Artifacts;

/// <summary>
/// Picks the files to ship from each built output: the package's Collect globs, flattened into
/// one folder per target; a symlink chain (libz.so -> libz.so.1 -> libz.so.1.2.13) becomes the
/// SONAME file and the unversioned name; each ELF file is checked against its target.
/// </summary>
internal sealed class ArtifactCollector(ICrossLog log)
{
    /// <summary>The project's own assembly names (Greet): a Windows DLL never ships under one of them (<see cref="WindowsArtifacts"/>).</summary>
    public IReadOnlyCollection<string> ManagedNames { get; init; } = [];

    public IReadOnlyList<Artifact> Collect(IReadOnlyDictionary<Installable, string> outputs)
    {
        var artifacts = new List<Artifact>();
        foreach (var (attribute, outputPath) in outputs.Where(o => o.Key.Package is not null).OrderBy(o => o.Key.Name, StringComparer.Ordinal))
        {
            var package = attribute.Package!;
            var found = Match(outputPath, package.Include);
            if (found.Count == 0)
            {
                log.LogWarning(
                    DiagnosticCodes.NoArtifacts,
                    $"CrossPackage '{package.ItemSpec}' output '{attribute.Output}' for {attribute.Plan!.Target.NixSystem} ({outputPath}) has no file matching {string.Join(", ", package.Include)}. " +
                    "Set the Collect metadata to the files to ship, or Outputs to the output that holds them (e.g. lib).");
                continue;
            }

            CheckLinks(found, outputPath, attribute);
            if (attribute.Plan!.Target.IsWindows)
            {
                artifacts.AddRange(WindowsArtifacts.Collect(found.GroupBy(RealPath, StringComparer.Ordinal), outputPath, attribute, log, ManagedNames));
                continue;
            }

            foreach (var group in found.GroupBy(RealPath, StringComparer.Ordinal))
            {
                var realFile = group.Key;
                var elf = ReadElf(realFile, group.First(), attribute);
                WindowsArtifacts.RejectPe(realFile, group.First(), attribute);
                if (elf is not null && elf.Identity != attribute.Plan!.Target.Elf)
                {
                    throw new CrossException(
                        DiagnosticCodes.ArtifactWrongMachine,
                        $"{group.First()} was built for {elf.Identity.Describe()}, but target {attribute.Plan!.Target.NixSystem} needs {attribute.Plan!.Target.Elf.Describe()}. " +
                        $"The package '{package.ItemSpec}' probably calls the build machine's compiler directly: use $CC/$CXX (or stdenv.cc) so the cross compiler is used.");
                }

                if (elf is not null && LibcMismatch(elf, attribute.Plan!.Target) is { } libcProblem)
                {
                    throw new CrossException(
                        DiagnosticCodes.ArtifactWrongMachine,
                        $"{group.First()} {libcProblem}. The package was built with the wrong C library's toolchain for {attribute.Plan.Target.Rid}.");
                }

                foreach (var name in NamesToShip(group.Select(Path.GetFileName).ToList()!, elf))
                {
                    artifacts.Add(new Artifact(attribute.Plan!, package, realFile, name, elf));
                }
            }
        }

        CheckNameClashes(artifacts);
        return artifacts;
    }

    /// <summary>
    /// The names one file ships under. A shared library with a SONAME ships as the SONAME (what
    /// the dynamic loader looks for) and its unversioned name (what P/Invoke's "libfoo.so" and
    /// the linker look for); its fully versioned name is not needed. Other files keep every name.
    /// </summary>
    public static IReadOnlyList<string> NamesToShip(IReadOnlyList<string> names, ElfFile? elf)
    {
        if (elf?.Soname is not { } soname)
        {
            return names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }

        var result = new SortedSet<string>(StringComparer.Ordinal) { soname };
        foreach (var name in names.Where(n => n.EndsWith(".so", StringComparison.Ordinal)))
        {
            result.Add(name);
        }

        return result.ToList();
    }

    /// <summary>glibc and musl share machine and class: tell them apart by interpreter and needed C library.</summary>
    public static string? LibcMismatch(ElfFile elf, TargetPlatform target)
    {
        var usesGlibc = elf.Needed.Contains("libc.so.6") || (elf.Interpreter?.Contains("ld-linux", StringComparison.Ordinal) ?? false) || elf.Interpreter?.EndsWith("ld64.so.2", StringComparison.Ordinal) == true;
        var usesMusl = elf.Needed.Contains("libc.so") || elf.Needed.Any(n => n.StartsWith("libc.musl-", StringComparison.Ordinal)) || (elf.Interpreter?.Contains("ld-musl", StringComparison.Ordinal) ?? false);
        return target.Libc switch
        {
            Libc.Musl when usesGlibc => "links against glibc, but the target is musl",
            Libc.Glibc when usesMusl => "links against musl, but the target is glibc",
            _ => null,
        };
    }

    private static List<string> Match(string root, IReadOnlyList<string> include)
    {
        if (!Directory.Exists(root))
        {
            // A single-file output (e.g. a derivation whose $out is the executable itself).
            return File.Exists(root) ? [root] : [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(include);
        return matcher.GetResultsInFullPath(root).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    /// <summary>A symlink whose target does not exist (or a loop of links) cannot ship: say which, where it points, and from which package.</summary>
    private static void CheckLinks(IEnumerable<string> found, string outputPath, Installable attribute)
    {
        // File.Exists is true for a dangling link (.NET falls back to lstat): resolve the chain instead.
        foreach (var path in found.Where(p => new FileInfo(p).LinkTarget is not null))
        {
            string? end;
            try
            {
                end = File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: false } missing ? $"{missing.FullName} does not exist" : null;
            }
            catch (IOException)
            {
                end = "the links form a loop";
            }

            if (end is not null)
            {
                throw new CrossException(
                    DiagnosticCodes.DanglingSymlink,
                    $"CrossPackage '{attribute.Package!.ItemSpec}' output '{attribute.Output}' for {attribute.Plan!.Target.NixSystem} has a dangling symlink: " +
                    $"{Path.GetRelativePath(outputPath, path)} -> {new FileInfo(path).LinkTarget} ({end}; output {outputPath}). " +
                    "Make the package install the file the link points to (or not make the link), or narrow its Collect metadata so the link is not collected.");
            }
        }
    }

    private static ElfFile? ReadElf(string realFile, string collected, Installable attribute)
    {
        try
        {
            return ElfFile.Read(realFile);
        }
        catch (InvalidDataException ex)
        {
            throw new CrossException(
                DiagnosticCodes.MalformedElf,
                $"{collected}{(collected == realFile ? "" : $" (-> {realFile})")} from CrossPackage '{attribute.Package!.ItemSpec}' output '{attribute.Output}' for {attribute.Plan!.Target.NixSystem} starts like an ELF file but cannot be read: {ex.Message} " +
                "The file is truncated or damaged: check the store with `nix-store --verify --check-contents --repair`, or fix the package's build; if the file is not meant to ship, narrow the Collect metadata.",
                inner: ex);
        }
    }

    private static string RealPath(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static void CheckNameClashes(IEnumerable<Artifact> artifacts)
    {
        foreach (var clash in artifacts.GroupBy(a => (a.Plan.Target.Rid, a.FileName)).Where(g => g.Select(a => a.SourcePath).Distinct().Count() > 1))
        {
            var sources = string.Join(" and ", clash.Select(a => $"{a.SourcePath} (CrossPackage '{a.Package.ItemSpec}')").Distinct());
            throw new CrossException(
                DiagnosticCodes.ArtifactNameClash,
                $"Two different files want the name '{clash.Key.FileName}' in runtimes/{clash.Key.Rid}/native/: {sources}. " +
                "Narrow the Collect metadata of one of the packages so that only one ships that name.");
        }
    }
}
