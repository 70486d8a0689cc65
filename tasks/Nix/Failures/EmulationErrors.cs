using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Nix.Failures;

/// <summary>The errors of an emulated build that cannot run, each with the fix for each kind of host.</summary>
internal static class EmulationErrors
{
    /// <summary>CROSS0015: nothing on this machine runs the target's code.</summary>
    public static CrossException NoEmulator(TargetPlatform target, string why) =>
        new(DiagnosticCodes.NoEmulator,
            $"Cannot build {target.NixSystem} emulated: {why}. The emulator is missing. " + Fixes(target.NixSystem, target.Cpu.Qemu) +
            " Or build it with CrossStrategy=cross.");

    /// <summary>CROSS0014: Nix will not build the system (it is not in extra-platforms).</summary>
    public static CrossException NixRefuses(string system, string why) =>
        new(DiagnosticCodes.NixRefusesSystem,
            $"Nix will not build {system}: {why}. Nix must be allowed to build the system. " + Fixes(system, null) +
            $" With a Nix daemon, extra-platforms only counts in the daemon's nix.conf (or for a user in trusted-users), which it reads when it starts: restart it after the change (systemctl restart nix-daemon). Or build it with CrossStrategy=cross.");

    /// <summary>CROSS0015 from Nix itself: the system was accepted but nothing could execute its builder.</summary>
    public static CrossException ExecFormat(string system, string detail) =>
        new(DiagnosticCodes.NoEmulator,
            $"Nix accepted {system} but could not run its builder ({detail}): the emulator is missing or not usable in the build sandbox. " +
            Fixes(system, null) + " Or build it with CrossStrategy=cross.");

    private static string Fixes(string system, string? qemu) =>
        $"Fix: on NixOS, boot.binfmt.emulatedSystems = [ \"{system}\" ]; and nixos-rebuild switch. " +
        $"On Debian/Ubuntu, apt install qemu-user-static binfmt-support{(qemu is null ? "" : $" (update-binfmts --enable {qemu} if it is disabled)")} " +
        $"and add 'extra-platforms = {system}' to /etc/nix/nix.conf. " +
        "In a container, register the handler on the host with the F (fix binary) flag, which makes it work inside containers and the Nix sandbox.";
}
