using System.Runtime.InteropServices;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Host;

internal static class HostPlatform
{
    /// <summary>The machine MSBuild runs on, from the .NET runtime's RID (linux-x64, linux-musl-arm64).</summary>
    public static TargetPlatform Current() =>
        PlatformCatalog.ForRuntimeIdentifier(RuntimeInformation.RuntimeIdentifier)
        ?? throw new CrossException(
            DiagnosticCodes.UnknownTarget,
            $"This machine ({RuntimeInformation.RuntimeIdentifier}) is not a Linux system CrossSdk can build on. CrossSdk needs Linux with Nix.");

    /// <summary>The row of a Nix system with the host's libc (Nix's `system` setting names no libc).</summary>
    public static TargetPlatform ForNixSystem(string system, Libc libc) =>
        PlatformCatalog.All.FirstOrDefault(t => t.NixSystem == system && t.Libc == libc)
        ?? PlatformCatalog.All.FirstOrDefault(t => t.NixSystem == system)
        ?? throw new CrossException(DiagnosticCodes.UnknownTarget, $"Nix reports its system as '{system}', which CrossSdk does not know.");
}
