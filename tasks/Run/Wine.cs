using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Run;

/// <summary>
/// What runs a Windows target's programs here: Wine. win-x64 runs under a 64-bit Wine loader
/// (wine64 on PATH; Debian's /usr/lib/wine/wine64, which its wine64 package installs without a
/// command; else wine). win-x86 needs a 32-bit Wine loader (Debian's wine32, /usr/lib/wine/wine)
/// and a kernel that executes i386 code, or a Wine in WoW64 mode, which runs 32-bit Windows code
/// in a 64-bit process (a Wine built with --enable-archs=i386,x86_64): neither is here on Debian 12
/// without IA32 emulation, so it is CROSS0105 saying which. win-arm64 needs an arm64 Windows,
/// which no Wine on x86_64 runs. Pure but for the file system it is given.
/// </summary>
internal static class Wine
{
    /// <summary>The Wine loader and its wineserver for the target.</summary>
    public static (string Loader, string Server) Find(TargetPlatform target, IReadOnlyList<string> pathDirectories, Func<string, string?> resolve, bool? runsI386Code)
    {
        string? OnPath(string name) => pathDirectories.Where(d => d.Length > 0).Select(d => resolve(Path.Combine(d, name))).FirstOrDefault(f => f is not null);

        var machine = target.PeMachine;
        if (machine == PeMachines.Arm64)
        {
            throw new CrossException(
                DiagnosticCodes.NothingRunsWindowsTarget,
                $"Nothing runs {target.Rid} programs on this machine: Wine runs Windows code of the CPU it runs on (x64, and x86 in WoW64 mode), and no emulator here runs arm64 Windows. " +
                $"`dotnet build -p:CrossTarget={target.Rid}` still builds its native DLLs; run the app or its tests on an arm64 Windows machine (a windows-11-arm CI runner).");
        }

        if (machine == PeMachines.I386)
        {
            var wine32 = resolve("/usr/lib/wine/wine") ?? resolve("/usr/lib/i386-linux-gnu/wine/wine");
            if (wine32 is not null && runsI386Code == true)
            {
                return (wine32, ServerBeside(wine32, resolve) ?? OnPath("wineserver") ?? "wineserver");
            }

            var why = runsI386Code == false
                ? "this kernel cannot execute 32-bit x86 code (a tiny i386 program fails with \"Exec format error\": no IA32 emulation), so a 32-bit Wine (Debian's wine32) cannot start"
                : "no 32-bit Wine is installed (Debian: dpkg --add-architecture i386; apt-get install wine32:i386)";
            throw new CrossException(
                DiagnosticCodes.NothingRunsWindowsTarget,
                $"Nothing runs {target.Rid} programs on this machine: {why}, and this Wine has no WoW64 mode (32-bit Windows code in a 64-bit process, a Wine built with --enable-archs=i386,x86_64). " +
                $"`dotnet build -p:CrossTarget={target.Rid}` still builds its native DLLs. Run on win-x64 here (-p:CrossRunTarget=win-x64), or on a machine whose kernel runs i386 code with wine32 installed, or with a WoW64 Wine.");
        }

        var loader = OnPath("wine64") ?? resolve("/usr/lib/wine/wine64") ?? OnPath("wine")
            ?? throw new CrossException(
                DiagnosticCodes.NoWine,
                $"No Wine runs {target.Rid} programs here: neither wine64 nor wine is on PATH, and /usr/lib/wine/wine64 does not exist. " +
                "Install Wine (Debian/Ubuntu: apt-get install --no-install-recommends wine64 wine; Fedora: dnf install wine), or run on a Windows machine.");
        return (loader, ServerBeside(loader, resolve) ?? OnPath("wineserver") ?? OnPath("wineserver64") ?? "wineserver");
    }

    /// <summary>
    /// Wine's own files for a run: a private prefix (the C: drive and registry Wine makes on the
    /// first run, ~15 s) kept under the user's cache folder, one per RID, never in the project.
    /// </summary>
    public static string PrefixFolder(string rid, Func<string, string?> environment)
    {
        var cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Path.GetTempPath(), ".cache");
        return Path.Combine(cache, "crosssdk", "wine", rid);
    }

    private static string? ServerBeside(string loader, Func<string, string?> resolve)
    {
        var dir = Path.GetDirectoryName(loader) ?? "";
        return resolve(Path.Combine(dir, "wineserver64")) is { } server64 && loader.EndsWith("64", StringComparison.Ordinal) ? server64 : resolve(Path.Combine(dir, "wineserver"));
    }
}
