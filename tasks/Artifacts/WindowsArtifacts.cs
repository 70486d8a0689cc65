using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Platforms;

namespace CrossSdk.Artifacts;

/// <summary>
/// What ships of a Windows target's output: its DLLs and programs (PE files for the target's
/// machine) under the names .NET finds them by (<see cref="WindowsDlls.ShippedName"/>); never an
/// import library (libgreet.dll.a, greet.lib: for linking, not loading) or a libtool archive.
/// </summary>
internal static class WindowsArtifacts
{
    private static readonly string[] LinkTimeOnly = [".dll.a", ".a", ".lib", ".la", ".def"];

    /// <param name="groups">The collected files, grouped by the file they resolve to.</param>
    /// <param name="outputPath">The output they come from: only DLLs built there are renamed; a dependency's DLL linked into it (nixpkgs' win-dll-link hook) keeps the name its importers use.</param>
    /// <param name="attribute">The package output.</param>
    /// <param name="log">For what is left out or keeps its name.</param>
    /// <param name="managedNames">
    /// The project's assembly names: greet.dll would be the managed Greet.dll on Windows, whose file
    /// names ignore case, and [DllImport("greet")] would load that one. Such a DLL keeps the name it
    /// was built with (libgreet.dll), which [DllImport("libgreet")] finds on Windows, as it finds
    /// libgreet.so on Linux: SkiaSharp's libSkiaSharp does the same.
    /// </param>
    public static IEnumerable<Artifact> Collect(IEnumerable<IGrouping<string, string>> groups, string outputPath, Installable attribute, ICrossLog log, IReadOnlyCollection<string>? managedNames = null)
    {
        var ownFolder = Path.GetFullPath(outputPath).TrimEnd('/') + "/";
        var target = attribute.Plan!.Target;
        foreach (var group in groups)
        {
            var realFile = group.Key;
            var collected = group.First();
            if (LinkTimeOnly.Any(e => collected.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                log.LogMessage(LogImportance.Low, $"CrossSdk: not shipping {collected}: an import library or archive is for linking, not for loading on {target.Rid}");
                continue;
            }

            if (ElfFile.HasElfMagic(Head(realFile)))
            {
                throw new CrossException(
                    DiagnosticCodes.ArtifactWrongMachine,
                    $"{collected} is an ELF file (Linux), but target {target.NixSystem} ({target.Rid}) needs Windows PE files for {PeMachines.Name(target.PeMachine!.Value)}. " +
                    $"The package '{attribute.Package!.ItemSpec}' probably calls the build machine's compiler directly: use $CC/$CXX (or stdenv.cc) so that the MinGW cross compiler is used.");
            }

            var pe = Read(realFile, collected, attribute);
            if (pe is not null && pe.Machine != target.PeMachine)
            {
                throw new CrossException(
                    DiagnosticCodes.ArtifactWrongMachine,
                    $"{collected} was built for {PeMachines.Name(pe.Machine)}, but target {target.NixSystem} ({target.Rid}) needs {PeMachines.Name(target.PeMachine!.Value)}. " +
                    $"The package '{attribute.Package!.ItemSpec}' was built with another target's toolchain: use $CC/$CXX (or stdenv.cc).");
            }

            foreach (var name in group.Select(Path.GetFileName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var builtHere = realFile.StartsWith(ownFolder, StringComparison.Ordinal);
                var shipped = pe is { IsDll: true } && builtHere ? WindowsDlls.ShippedName(name!) : name!;
                if (shipped != name && managedNames?.Any(m => string.Equals(m + ".dll", shipped, StringComparison.OrdinalIgnoreCase)) == true)
                {
                    log.LogMessage(
                        LogImportance.High,
                        $"CrossSdk: runtimes/{target.Rid}/native/{name} keeps its name: as {shipped} it would be this project's assembly on Windows, where file names ignore case. " +
                        $"[DllImport(\"{Path.GetFileNameWithoutExtension(name)}\")] finds it on Windows (and lib{Path.GetFileNameWithoutExtension(shipped)}.so on Linux).");
                    shipped = name!;
                }

                yield return new Artifact(attribute.Plan!, attribute.Package!, realFile, shipped, null)
                {
                    Pe = pe,
                    BuiltName = shipped == name ? null : name,
                };
            }
        }
    }

    /// <summary>A Windows PE file collected for a Linux target is CROSS0009.</summary>
    public static void RejectPe(string realFile, string collected, Installable attribute)
    {
        PeFile? pe;
        try
        {
            pe = PeFile.HasPeMagic(Head(realFile)) ? PeFile.Read(realFile) : null;
        }
        catch (InvalidDataException)
        {
            // A Linux file that happens to start with "MZ" (a text file) is not a Windows file.
            return;
        }

        if (pe is null)
        {
            return;
        }

        var target = attribute.Plan!.Target;
        throw new CrossException(
            DiagnosticCodes.ArtifactWrongMachine,
            $"{collected} is a Windows PE file ({PeMachines.Name(pe.Machine)}), but target {target.NixSystem} ({target.Rid}) needs ELF files. " +
            $"The package '{attribute.Package!.ItemSpec}' was built with a MinGW toolchain: use $CC/$CXX (or stdenv.cc) of the target's package set.");
    }

    private static PeFile? Read(string realFile, string collected, Installable attribute)
    {
        try
        {
            return PeFile.Read(realFile);
        }
        catch (InvalidDataException ex)
        {
            throw new CrossException(
                DiagnosticCodes.MalformedPe,
                $"{collected}{(collected == realFile ? "" : $" (-> {realFile})")} from CrossPackage '{attribute.Package!.ItemSpec}' output '{attribute.Output}' for {attribute.Plan!.Target.Rid} starts like a Windows PE file (MZ) but cannot be read: {ex.Message}. " +
                "The file is truncated or damaged: check the store with `nix-store --verify --check-contents --repair`, or fix the package's build; if the file is not meant to ship, narrow the Collect metadata.",
                inner: ex);
        }
    }

    private static byte[] Head(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[4];
        var read = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
        return buffer[..read];
    }
}
