using System.Globalization;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Nix.Failures;

namespace CrossSdk.Planning.Choice;

/// <summary>
/// Chooses per target how Nix builds it, and says why. Pure: the host's capabilities and the
/// dry-run estimates come in as values.
/// </summary>
internal static class Planner
{
    /// <summary>CPU cost of compiling under QEMU relative to a host-speed cross compiler (measured: zlib, 35.6 s vs 2.2 s).</summary>
    public const double DefaultEmulationSlowdown = 16;

    /// <summary>
    /// The plan for a target, or null when <c>auto</c> must compare the cost of cross and emulated
    /// builds first (<see cref="Decide"/>).
    /// </summary>
    public static TargetPlan? Plan(TargetPlatform target, Strategy requested, HostCapabilities host)
    {
        if (target.IsWindows)
        {
            return PlanWindows(target, requested, host);
        }

        var isHost = target.NixSystem == host.Nix.System && target.Libc == host.Host.Libc;
        var direct = host.RunsDirectly(target) && target.Libc == host.Host.Libc;
        switch (requested)
        {
            case Strategy.Native when isHost || direct:
                return new TargetPlan(target, Strategy.Native, "asked for with CrossStrategy=native");
            case Strategy.Native:
                throw new CrossException(
                    DiagnosticCodes.StrategyNotPossible,
                    $"CrossStrategy 'native' cannot build {target} on this {host.Nix.System} host. " +
                    "Use 'cross' (a nixpkgs cross toolchain), 'emulated' (the target's own compiler under QEMU) or 'auto'.");
            case Strategy.Cross:
                return new TargetPlan(target, Strategy.Cross, "asked for with CrossStrategy=cross");
            case Strategy.Emulated when isHost || direct:
                return new TargetPlan(target, Strategy.Native, $"CrossStrategy=emulated, but {host.Nix.System} runs {target.NixSystem} code without emulation");
            case Strategy.Emulated:
                var support = host.Assess(target);
                if (!support.Possible)
                {
                    throw NotPossible(target, support);
                }

                return new TargetPlan(target, Strategy.Emulated, support.RemoteBuilder is { } remote
                    ? $"asked for with CrossStrategy=emulated; built natively on {remote.StoreUri}"
                    : "asked for with CrossStrategy=emulated");
        }

        if (isHost)
        {
            return new TargetPlan(target, Strategy.Native, "the target is the host system; its compiler runs at full speed");
        }

        if (direct)
        {
            return new TargetPlan(target, Strategy.Native, $"this {host.Nix.System} host runs {target.NixSystem} code without emulation; its own compiler runs at full speed");
        }

        if (target.NixSystem == host.Nix.System)
        {
            return new TargetPlan(target, Strategy.Cross, $"the target's C library ({target.Libc}) is not the host's ({host.Host.Libc}); the cross toolchain runs at host speed");
        }

        var assessment = host.Assess(target);
        return assessment.Possible
            ? null
            : new TargetPlan(target, Strategy.Cross, $"emulation is not possible here: {assessment.Blocker}");
    }

    /// <summary>
    /// <c>auto</c> between cross and emulated: derivations built under emulation cost
    /// <paramref name="slowdown"/> times as much; fetched paths cost nothing; ties go to cross.
    /// A remote builder that builds the target natively (<paramref name="remote"/>) makes the
    /// emulated candidate a native build there: it costs 1x, and ties go to it (it spends no
    /// local CPU and gets the binary cache of its system). <paramref name="caches"/> name where
    /// fetched paths come from, for the reason.
    /// </summary>
    public static TargetPlan Decide(TargetPlatform target, CostEstimate cross, CostEstimate emulated, double slowdown, BuilderMachine? remote = null, IReadOnlyList<string>? caches = null)
    {
        var crossCost = (double)cross.Built;
        var emulatedCost = emulated.Built * (remote is null ? slowdown : 1);
        var factor = slowdown.ToString("0.#", CultureInfo.InvariantCulture);
        var from = caches is { Count: > 0 } ? $" from {string.Join(" or ", caches)}" : "";
        var emulatedText = remote is null
            ? $"emulation would build {Derivations(emulated.Built)} under QEMU (~{factor}x){Fetches(emulated.Fetched, from)}"
            : $"{Derivations(emulated.Built)} would be built natively on {remote.StoreUri} (1x){Fetches(emulated.Fetched, from)}";
        var comparison = $"{emulatedText} vs {Derivations(cross.Built)} with the cross toolchain{Fetches(cross.Fetched, from)}";
        var emulatedWins = remote is null ? emulatedCost < crossCost : emulatedCost <= crossCost;
        var chosen = emulatedWins ? emulated : cross;
        // Everything fetched, nothing built: that is the reason, said first.
        var prefix = chosen.Built == 0 && chosen.Fetched > 0 ? $"fetched{from}, nothing to build: " : "";
        if (emulatedWins && remote is not null)
        {
            prefix = chosen.Built > 0 ? $"built natively on {remote.StoreUri}: " + prefix : prefix;
        }

        return emulatedWins
            ? new TargetPlan(target, Strategy.Emulated, prefix + comparison)
            : new TargetPlan(target, Strategy.Cross, prefix + comparison);
    }

    /// <summary>
    /// A Windows target builds only with nixpkgs' MinGW cross toolchain: Nix has no Windows build
    /// platform (nixpkgs cannot evaluate with localSystem = "x86_64-windows"), binfmt_misc runs no
    /// Windows code (Wine runs programs, not a Nix builder), and no Nix remote builder is Windows.
    /// </summary>
    private static TargetPlan PlanWindows(TargetPlatform target, Strategy requested, HostCapabilities host) => requested switch
    {
        Strategy.Cross => new TargetPlan(target, Strategy.Cross, "asked for with CrossStrategy=cross"),
        Strategy.Auto => new TargetPlan(target, Strategy.Cross,
            $"Windows code is built only with nixpkgs' MinGW cross toolchain: Nix has no Windows build platform and binfmt_misc runs no Windows builder on this {host.Nix.System} host"),
        _ => throw new CrossException(
            DiagnosticCodes.WindowsBuildsOnlyCross,
            $"CrossStrategy '{requested.ToText()}' cannot build {target} ({target.Rid}): Windows targets build only cross, with nixpkgs' MinGW toolchain " +
            $"(pkgsCross.{target.PkgsCross ?? target.Config}). Nix has no Windows build platform, and no emulator runs a Nix builder for Windows. " +
            "Use CrossStrategy=cross or auto for this target (per target: <CrossTarget Include=\"" + (target.PkgsCross ?? target.Rid) + "\" Strategy=\"cross\" />)."),
    };

    private static string Derivations(int n) => n == 1 ? "1 derivation" : $"{n} derivations";

    private static string Fetches(int n, string from = "") => n == 0 ? "" : $" and fetch {n} path{(n == 1 ? "" : "s")}{from}";

    /// <summary>Why an emulated build cannot run here: no emulator (CROSS0015) or Nix refuses the system (CROSS0014).</summary>
    private static CrossException NotPossible(TargetPlatform target, EmulationSupport support) =>
        support.Handler is null && !support.Direct
            ? EmulationErrors.NoEmulator(target, support.Blocker ?? "no binfmt_misc handler")
            : EmulationErrors.NixRefuses(target.NixSystem, support.Blocker ?? "Nix does not build it");
}
