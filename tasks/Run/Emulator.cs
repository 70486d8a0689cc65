using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Platforms;

namespace CrossSdk.Run;

/// <summary>
/// The QEMU user-mode emulator that runs a target's programs: the interpreter of the binfmt_misc
/// handler the kernel uses for the target (found by its magic, as the host probe does), when it
/// is a QEMU binary once symlinks are resolved (Debian's aarch64-binfmt-P links to
/// qemu-aarch64-static); else qemu-&lt;arch&gt; or qemu-&lt;arch&gt;-static on PATH. Pure but for the
/// file system it is given.
/// </summary>
internal static class Emulator
{
    public static string Find(TargetPlatform target, BinfmtState binfmt, IReadOnlyList<string> pathDirectories, Func<string, string?> resolve)
    {
        var qemu = target.Cpu.Qemu;
        if (binfmt.Handlers.FirstOrDefault(h => h.Enabled && h.Matches(target)) is { } handler
            && resolve(handler.Interpreter) is { } real
            && Path.GetFileName(real).StartsWith(qemu, StringComparison.Ordinal))
        {
            return real;
        }

        foreach (var name in new[] { qemu, qemu + "-static" })
        {
            foreach (var dir in pathDirectories.Where(d => d.Length > 0))
            {
                if (resolve(Path.Combine(dir, name)) is { } found)
                {
                    return found;
                }
            }
        }

        throw new CrossException(
            DiagnosticCodes.NoRunEmulator,
            $"No emulator runs {target.NixSystem} programs here: no enabled binfmt_misc handler for it is a QEMU binary, and neither {qemu} nor {qemu}-static is on PATH. " +
            "Install QEMU's user-mode emulators (Debian/Ubuntu: apt-get install qemu-user-static binfmt-support; NixOS: boot.binfmt.emulatedSystems = [ \"" + target.NixSystem + "\" ];), " +
            "or run on a machine of that architecture.");
    }

    /// <summary>The file a path names after following symlinks, if it is an existing file; for <see cref="Find"/> on the real file system.</summary>
    public static string? ResolveOnDisk(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var info = new FileInfo(path);
            return info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
