using System.Xml.Linq;
using CrossSdk.Diagnostics;

namespace CrossSdk.Platforms;

/// <summary>
/// CrossTargets=dotnet: every RID .NET supports, read from the .NET SDK in use, so a project does
/// not hard-code a list that drifts. The SDK's Microsoft.NETCoreSdk.BundledVersions.props lists, in
/// the KnownFrameworkReference of Microsoft.NETCore.App for the SDK's own framework
/// (BundledNETCoreAppTargetFrameworkVersion), the RIDs Microsoft.NETCore.App has runtime packs
/// for (RuntimePackRuntimeIdentifiers). Of those, the preset builds the Linux (glibc and musl) and
/// Windows RIDs of the architectures .NET supports, and says why it leaves out the others.
/// </summary>
internal static class DotnetRids
{
    /// <summary>The value of CrossTargets (or CrossTarget) that names the preset.</summary>
    public const string Preset = "dotnet";

    /// <summary>The file of the SDK that lists the RIDs.</summary>
    public const string BundledVersionsFile = "Microsoft.NETCoreSdk.BundledVersions.props";

    /// <summary>
    /// The architectures .NET supports on Linux and Windows: dotnet/core's supported-OS page
    /// (https://github.com/dotnet/core/blob/main/release-notes/10.0/supported-os.md: Linux x64,
    /// Arm64, Arm32, glibc and musl; Windows x64, x86, Arm64). The SDK lists runtime packs for
    /// more (s390x, ppc64le, loongarch64, riscv64), which the community builds and supports.
    /// </summary>
    private static readonly Dictionary<string, string[]> SupportedArchitectures = new(StringComparer.Ordinal)
    {
        ["linux"] = ["x64", "arm64", "arm"],
        ["linux-musl"] = ["x64", "arm64", "arm"],
        ["win"] = ["x64", "x86", "arm64"],
    };

    public static bool IsPreset(string value) => string.Equals(value.Trim(), Preset, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For CrossSdk's own end-to-end tests only: another SDK's bundled versions file, so a test can
    /// build the preset on a host that cannot build every RID the real SDK lists.
    /// </summary>
    public const string TestOverrideVariable = "CROSSSDK_TEST_BUNDLED_VERSIONS";

    /// <summary>The SDK's bundled versions file: beside the MSBuild of the SDK in use (sdk/&lt;version&gt;/).</summary>
    public static string SdkFile()
    {
        if (Environment.GetEnvironmentVariable(TestOverrideVariable) is { Length: > 0 } test)
        {
            return test;
        }

        var folder = Path.GetDirectoryName(typeof(Microsoft.Build.Framework.ITask).Assembly.Location);
        if (string.IsNullOrEmpty(folder) && Environment.GetEnvironmentVariable("MSBUILD_EXE_PATH") is { Length: > 0 } msbuild)
        {
            folder = Path.GetDirectoryName(msbuild);
        }

        return Path.Combine(folder ?? "", BundledVersionsFile);
    }

    /// <summary>The preset's expansion for the .NET SDK in use.</summary>
    public static DotnetRidExpansion FromSdk()
    {
        var file = SdkFile();
        var (framework, rids) = Read(file);
        return Expand(file, framework, rids);
    }

    /// <summary>The SDK's own framework (net10.0) and the RIDs Microsoft.NETCore.App has runtime packs for.</summary>
    public static (string TargetFramework, IReadOnlyList<string> Rids) Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw Unknown(path, ex.Message);
        }

        var ns = document.Root?.Name.Namespace ?? XNamespace.None;
        var version = document.Descendants(ns + "BundledNETCoreAppTargetFrameworkVersion").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
            ?? throw Unknown(path, "it has no BundledNETCoreAppTargetFrameworkVersion");
        var framework = "net" + version;
        var rids = document.Descendants(ns + "KnownFrameworkReference")
            .Where(e => (string?)e.Attribute("Include") == "Microsoft.NETCore.App" && (string?)e.Attribute("TargetFramework") == framework)
            .Select(e => (string?)e.Attribute("RuntimePackRuntimeIdentifiers") ?? "")
            .SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return rids.Count > 0 ? (framework, rids) : throw Unknown(path, $"its KnownFrameworkReference of Microsoft.NETCore.App for {framework} lists no RuntimePackRuntimeIdentifiers");
    }

    private static CrossException Unknown(string path, string why) => new(
        DiagnosticCodes.DotnetRidsUnknown,
        $"CrossTargets=dotnet reads the RIDs .NET supports from the .NET SDK in use, but {UserText.Display(path)} cannot tell them: {why}. " +
        "Build with a .NET SDK 8 or later (dotnet --info names the one in use), or list the targets instead: <CrossTargets>linux-x64;linux-arm64;...</CrossTargets>.");

    /// <summary>Splits the SDK's RIDs into those the preset builds and those it leaves out, with why. Pure.</summary>
    public static DotnetRidExpansion Expand(string source, string targetFramework, IReadOnlyList<string> sdkRids)
    {
        var included = new List<string>();
        var leftOut = new List<(string, string)>();
        foreach (var rid in sdkRids)
        {
            var (os, arch) = Split(rid);
            if (os is not null && SupportedArchitectures.TryGetValue(os, out var archs))
            {
                if (archs.Contains(arch, StringComparer.Ordinal))
                {
                    included.Add(rid);
                }
                else
                {
                    leftOut.Add((rid, "architectures the community builds .NET for, not Microsoft (dotnet/core's supported-OS page does not list them); name one in CrossTargets to build it"));
                }

                continue;
            }

            leftOut.Add((rid, WhyNot(rid)));
        }

        return new DotnetRidExpansion(source, targetFramework, included, leftOut);
    }

    // linux-musl-arm64 -> (linux-musl, arm64); win-x64 -> (win, x64); anything else -> (null, "").
    private static (string? Os, string Arch) Split(string rid)
    {
        foreach (var os in new[] { "linux-musl", "linux", "win" })
        {
            if (rid.StartsWith(os + "-", StringComparison.OrdinalIgnoreCase) && rid[(os.Length + 1)..] is var arch && !arch.Contains('-') && !arch.Contains('.'))
            {
                return (os, arch.ToLowerInvariant());
            }
        }

        return (null, "");
    }

    private static string WhyNot(string rid) => rid switch
    {
        _ when rid.StartsWith("linux-bionic-", StringComparison.OrdinalIgnoreCase) || rid.StartsWith("android-", StringComparison.OrdinalIgnoreCase)
            => "Android, whose C library (bionic) CrossSdk does not build for: build those libraries with the Android NDK (see CROSS0121)",
        _ when rid.StartsWith("osx-", StringComparison.OrdinalIgnoreCase) || rid.StartsWith("ios", StringComparison.OrdinalIgnoreCase)
               || rid.StartsWith("tvos", StringComparison.OrdinalIgnoreCase) || rid.StartsWith("maccatalyst-", StringComparison.OrdinalIgnoreCase)
            => "Apple platforms, which CrossSdk does not build for (their SDKs run only on macOS): build those libraries on a Mac",
        _ when rid.StartsWith("freebsd-", StringComparison.OrdinalIgnoreCase) => "FreeBSD, which CrossSdk's catalog has no target for",
        _ when rid.Contains("wasm", StringComparison.OrdinalIgnoreCase) => "WebAssembly, which loads no native library from runtimes/<rid>/native/",
        _ => "not a Linux or Windows RID, which is what CrossSdk builds",
    };

    /// <summary>
    /// The target list with each `dotnet` replaced by the preset's RIDs (those another entry of
    /// the list already ships, by a triple with Rid metadata, are not added twice). A RID the
    /// preset names that CrossSdk's catalog cannot build is CROSS0127 naming it.
    /// </summary>
    public static IReadOnlyList<string> ExpandList(IReadOnlyList<string> targets, IReadOnlyDictionary<string, string>? rids, Func<DotnetRidExpansion> expansion, out DotnetRidExpansion? used)
    {
        used = null;
        if (!targets.Any(IsPreset))
        {
            return targets;
        }

        used = expansion();
        var explicitTargets = targets.Where(t => !IsPreset(t)).ToList();
        // What the other entries ship to: their catalog RID, or their Rid metadata.
        var covered = new HashSet<string>(explicitTargets.Select(t => rids is not null && rids.TryGetValue(t.Trim(), out var r) ? r : PlatformCatalog.TryResolve(t)?.Rid).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var missing = used.Included.Where(r => !covered.Contains(r) && !(PlatformCatalog.TryResolve(r) is { } t && string.Equals(t.Rid, r, StringComparison.OrdinalIgnoreCase))).ToList();
        if (missing.Count > 0)
        {
            var buildable = used.Included.Except(missing, StringComparer.OrdinalIgnoreCase);
            throw new CrossException(
                DiagnosticCodes.DotnetRidNotBuildable,
                $"CrossTargets=dotnet names {string.Join(", ", missing)}, which {used.TargetFramework} supports (the .NET SDK in use has runtime packs for it: {UserText.Display(used.Source)}) but CrossSdk cannot build: its catalog has no target for {(missing.Count == 1 ? "it" : "them")}. " +
                $"Ship {(missing.Count == 1 ? "it" : "them")} anyway with a target of your own, <CrossTarget Include=\"<GNU triple>\" Rid=\"{missing[0]}\" /> beside CrossTargets=dotnet, or list the others instead of the preset: <CrossTargets>{string.Join(";", buildable)}</CrossTargets> (then apps on {string.Join(", ", missing)} get no native files from this package).");
        }

        var result = new List<string>();
        foreach (var target in targets)
        {
            if (IsPreset(target))
            {
                result.AddRange(used.Included.Where(r => !covered.Contains(r)));
            }
            else
            {
                result.Add(target);
            }
        }

        return result.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
