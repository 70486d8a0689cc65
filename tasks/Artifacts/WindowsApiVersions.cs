using CrossSdk.Diagnostics;

namespace CrossSdk.Artifacts;

/// <summary>
/// Which Windows a shipped DLL needs, against the oldest Windows .NET 10 runs on: Windows Server
/// 2012 (NT 6.2, Windows 8's kernel; dotnet/core's supported-OS list keeps it, under Extended
/// Security Updates, beside Windows 10 1607+). A DLL that imports a function newer than that does
/// not load there ("The specified procedure could not be found"), so it is CROSS0108; a DLL whose
/// optional header asks for a newer subsystem version is CROSS0109. Both are warnings: a package
/// may mean to support only newer Windows. The function table (<c>WindowsApiVersions.g.cs</c>)
/// is generated from MinGW-w64's headers by eng/windows-api/generate.py. Pure.
/// </summary>
internal static partial class WindowsApiVersions
{
    /// <summary>_WIN32_WINNT of the target: Windows 8 / Windows Server 2012.</summary>
    public const ushort Target = 0x0602;

    public static string Name(ushort winnt) => winnt switch
    {
        0x0602 => "Windows 8 / Windows Server 2012 (NT 6.2)",
        0x0603 => "Windows 8.1 / Windows Server 2012 R2 (NT 6.3)",
        >= 0x0A00 => "Windows 10 / Windows Server 2016 (NT 10.0)",
        _ => $"Windows NT {winnt >> 8}.{winnt & 0xff}",
    };

    /// <summary>The _WIN32_WINNT that introduced a function and the header that says so, or null when it is not newer than the target (or unknown).</summary>
    public static (ushort Version, string Header)? Introduced(string function) =>
        Functions.TryGetValue(function, out var entry) ? entry : null;

    /// <summary>Warns of every shipped Windows file that needs a Windows newer than the target.</summary>
    public static void Report(IEnumerable<Artifact> artifacts, ICrossLog log)
    {
        foreach (var artifact in artifacts.Where(a => a.Pe is not null))
        {
            foreach (var (code, message) in Check($"runtimes/{artifact.Plan.Target.Rid}/native/{artifact.FileName}", artifact.Pe!))
            {
                log.LogWarning(code, message);
            }
        }
    }

    /// <summary>The warnings for one shipped PE file (shown as <paramref name="shippedName"/>): its newer imports (one warning), its subsystem version.</summary>
    public static IEnumerable<(string Code, string Message)> Check(string shippedName, PeFile pe)
    {
        var newer = pe.Imports
            .Where(i => WindowsDlls.IsSystem(i.Dll))
            .SelectMany(i => i.Functions.Select(f => (i.Dll, Function: f, Introduced: Introduced(f))))
            .Where(x => x.Introduced is { } v && v.Version > Target)
            .Distinct()
            .ToList();
        if (newer.Count > 0)
        {
            var list = string.Join("; ", newer.Select(x =>
                $"{x.Function} from {x.Dll}, new in {Name(x.Introduced!.Value.Version)} (MinGW-w64's {x.Introduced.Value.Header} declares it only for _WIN32_WINNT >= 0x{x.Introduced.Value.Version:X4})"));
            yield return (DiagnosticCodes.WindowsApiNewerThanTarget,
                $"{shippedName} imports Windows functions newer than {Name(Target)}, the oldest Windows .NET 10 runs on: {list}. " +
                "There the DLL does not load (\"The specified procedure could not be found\"). Look the function up at run time (GetProcAddress) with a fallback, " +
                "or build with -D_WIN32_WINNT=0x0602 so the headers hide it; if the package supports only newer Windows, say so to its users and ignore this warning (NoWarn).");
        }

        var target = new Version(Target >> 8, Target & 0xff);
        if (pe.SubsystemVersion > target)
        {
            yield return (DiagnosticCodes.WindowsSubsystemNewerThanTarget,
                $"{shippedName} says in its PE header (subsystem version {pe.SubsystemVersion.Major}.{pe.SubsystemVersion.Minor}) that it needs Windows NT {pe.SubsystemVersion.Major}.{pe.SubsystemVersion.Minor}, newer than {Name(Target)}, the oldest Windows .NET 10 runs on, " +
                "which refuses to load it. Drop the linker's --major-subsystem-version/--minor-subsystem-version (or /SUBSYSTEM:...,x.y) from the package's flags, or set them to 6.2 or lower; " +
                "if the package supports only newer Windows, ignore this warning (NoWarn).");
        }
    }
}
