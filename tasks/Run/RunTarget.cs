using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Run;

/// <summary>
/// Which target `dotnet run` and `dotnet test` run on: CrossRunTarget if set, else the one
/// target of CrossTarget/CrossTargets, else the RuntimeIdentifier's. Null when that is this
/// machine (or a system it runs directly, like i686 on x86_64): then nothing is emulated. Pure.
/// </summary>
internal static class RunTarget
{
    /// <summary>
    /// RIDs for which Microsoft publishes no .NET runtime pack on NuGet (community ports): an app
    /// cannot be made self-contained for them from NuGet, so managed code cannot run there.
    /// </summary>
    public static IReadOnlySet<string> UnpublishedRuntimeRids { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "linux-riscv64", "linux-musl-riscv64", "linux-loongarch64", "linux-musl-loongarch64",
    };

    /// <param name="runTarget">CrossRunTarget.</param>
    /// <param name="targets">CrossTarget and CrossTargets.</param>
    /// <param name="runtimeIdentifier">The project's RuntimeIdentifier.</param>
    /// <param name="machine">This machine.</param>
    /// <param name="runsI386Code">What <see cref="Host.I386Probe"/> found: false when this x86_64 kernel cannot execute i686 code, so an i686 app needs an emulator.</param>
    public static TargetPlatform? Resolve(string? runTarget, IReadOnlyList<string> targets, string? runtimeIdentifier, TargetPlatform machine, bool? runsI386Code = null)
    {
        TargetPlatform target;
        if (!string.IsNullOrWhiteSpace(runTarget))
        {
            target = PlatformCatalog.Resolve(runTarget!, "CrossRunTarget");
        }
        else
        {
            var resolved = TargetList.Resolve(targets, runtimeIdentifier, machine);
            if (resolved.Count > 1)
            {
                throw new CrossException(
                    DiagnosticCodes.SeveralRunTargets,
                    $"`dotnet run` and `dotnet test` run on one target at a time, and this build has {resolved.Count} ({string.Join(", ", resolved.Select(t => t.Rid))}). " +
                    $"Name the one to run on with -p:CrossRunTarget={resolved[0].Rid}, once per target; the native files are still built for all of them.");
            }

            target = resolved[0];
        }

        var direct = target.Cpu.RunsDirectlyOn.Contains(machine.NixSystem, StringComparer.Ordinal) && !(target.Cpu.Elf.Machine == ElfMachines.X86 && runsI386Code == false);
        if (target == machine || direct && target.Libc == machine.Libc)
        {
            return null;
        }

        if (UnpublishedRuntimeRids.Contains(target.Rid))
        {
            throw new CrossException(
                DiagnosticCodes.NoRuntimePack,
                $"Managed code cannot run on {target.Rid}: Microsoft publishes no .NET runtime pack for it on NuGet " +
                $"(Microsoft.NETCore.App.Runtime.{target.Rid}), so the app cannot be made self-contained for it. " +
                $"`dotnet build -p:CrossTarget={target.NixSystem}` still builds its native libraries; exercise them on the target with a C test program " +
                "(see docs/running-on-target.md), or run the tests on another target.");
        }

        return target;
    }
}
