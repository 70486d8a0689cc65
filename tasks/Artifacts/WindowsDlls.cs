using System.Text.RegularExpressions;

namespace CrossSdk.Artifacts;

/// <summary>
/// Which DLLs every Windows has (never shipped), and the name a built DLL ships under so that the
/// DllImport name that works on Linux works on Windows too. Pure.
/// </summary>
internal static partial class WindowsDlls
{
    // The DLLs of Windows itself (System32) that MinGW's import libraries (mingw-w64-crt lib/*.def)
    // link against, in lower case: the Win32 API, the C runtimes (msvcrt.dll on every Windows;
    // ucrtbase.dll and its api-ms-win-crt-* API sets from Windows 10 on, and on every Windows
    // .NET 10 runs on), COM, networking, crypto and graphics. A DLL outside this list must ship.
    private static readonly HashSet<string> System = new(StringComparer.OrdinalIgnoreCase)
    {
        "kernel32.dll", "kernelbase.dll", "ntdll.dll", "user32.dll", "gdi32.dll", "advapi32.dll", "shell32.dll",
        "shlwapi.dll", "ole32.dll", "oleaut32.dll", "comctl32.dll", "comdlg32.dll", "uuid.dll", "rpcrt4.dll",
        "msvcrt.dll", "ucrtbase.dll", "ws2_32.dll", "mswsock.dll", "wsock32.dll", "iphlpapi.dll", "dnsapi.dll",
        "winhttp.dll", "wininet.dll", "urlmon.dll", "secur32.dll", "sspicli.dll", "crypt32.dll", "bcrypt.dll",
        "ncrypt.dll", "wintrust.dll", "userenv.dll", "psapi.dll", "dbghelp.dll", "version.dll", "winmm.dll",
        "setupapi.dll", "cfgmgr32.dll", "netapi32.dll", "normaliz.dll", "wldap32.dll", "powrprof.dll",
        "imm32.dll", "uxtheme.dll", "dwmapi.dll", "opengl32.dll", "glu32.dll", "d3d9.dll", "d3d11.dll", "d3d12.dll",
        "dxgi.dll", "d2d1.dll", "dwrite.dll", "windowscodecs.dll", "wtsapi32.dll", "msimg32.dll", "usp10.dll",
        "hid.dll", "winspool.drv", "mpr.dll", "avrt.dll", "mfplat.dll", "ksuser.dll", "shcore.dll", "propsys.dll",
        "dbgeng.dll", "iphlpapi.dll", "fwpuclnt.dll", "cabinet.dll", "credui.dll", "authz.dll", "ntdsapi.dll",
        "msi.dll", "odbc32.dll", "oleacc.dll", "winusb.dll", "xinput1_4.dll", "dinput8.dll", "dsound.dll",
    };

    /// <summary>A DLL every Windows the target runs has: the list above, or an API set (api-ms-win-*, ext-ms-win-*).</summary>
    public static bool IsSystem(string dll) => System.Contains(dll) || ApiSet().IsMatch(dll);

    /// <summary>
    /// The name a DLL built by the package ships under. On Windows, .NET tries "greet" and
    /// "greet.dll" for [DllImport("greet")] (dotnet/runtime LibraryNameVariation.Windows.cs: no
    /// "lib" prefix, unlike Unix), while MinGW, CMake and libtool name the file libgreet.dll,
    /// libtool with its version (libgreet-1.dll) and release (libyaml-0-2.dll for -release 0).
    /// So "lib" and the numeric suffixes are dropped, which leaves the name of the import library
    /// (libgreet.dll.a, libyaml.dll.a) as on Linux the unversioned link (libyaml.so) names the
    /// library: libgreet-1.dll ships as greet.dll and libyaml-0-2.dll as yaml.dll, found by the
    /// names that find libgreet.so and libyaml.so on Linux. Any other name (zlib1.dll) is kept.
    /// </summary>
    public static string ShippedName(string fileName)
    {
        var match = LibDll().Match(fileName);
        return match.Success ? match.Groups["name"].Value + ".dll" : fileName;
    }

    [GeneratedRegex("^(api|ext)-ms-win-[a-z0-9-]+(-l[0-9]+-[0-9]+-[0-9]+)?\\.dll$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApiSet();

    [GeneratedRegex("^lib(?<name>[A-Za-z0-9_.+-]+?)(-[0-9]+)*\\.dll$", RegexOptions.CultureInvariant)]
    private static partial Regex LibDll();
}
