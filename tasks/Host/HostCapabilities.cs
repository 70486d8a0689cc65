using CrossSdk.Platforms;

namespace CrossSdk.Host;

/// <summary>The host as the planner sees it: Nix's settings and binfmt_misc. Pure once probed.</summary>
internal sealed record HostCapabilities(TargetPlatform Host, NixHostInfo Nix, BinfmtState Binfmt)
{
    /// <summary>Systems a test build showed Nix accepts (true) or refuses (false); asked only for an untrusted user.</summary>
    public IReadOnlyDictionary<string, bool> ProbedSystems { get; init; } = new Dictionary<string, bool>();

    /// <summary>The remote builders Nix will use (CrossBuilders for a trusted user, else Nix's `builders`).</summary>
    public IReadOnlyList<BuilderMachine> Builders { get; init; } = [];

    /// <summary>The binary caches Nix asks: CrossSubstituters, then Nix's own substituters.</summary>
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>Warnings about caches and builders Nix will ignore or not use (<see cref="ScaleOutCheck"/>).</summary>
    public IReadOnlyList<(string Code, string Message)> ScaleOutFindings { get; init; } = [];

    /// <summary>Builders that did not answer when asked (<see cref="BuilderCheck"/>), by store URI, with why: never planned with.</summary>
    public IReadOnlyDictionary<string, string> UnansweredBuilders { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A remote builder that builds the target's system natively, can build its toolchain
    /// (big-parallel), and was not found dead: Nix falls back to building here (under QEMU, ~16x)
    /// when a builder does not answer, so a plan may count on a builder only after it answered.
    /// </summary>
    public BuilderMachine? RemoteBuilderFor(TargetPlatform target) =>
        Builders.FirstOrDefault(b => b.Serves(target.NixSystem) && b.Supports(BuilderMachine.BigParallel) && !UnansweredBuilders.ContainsKey(b.StoreUri));

    public BinfmtHandler? HandlerFor(TargetPlatform target) =>
        Binfmt.Handlers.FirstOrDefault(h => h.Enabled && h.Matches(target));

    /// <summary>Whether the kernel executed a tiny i386 program (<see cref="I386Probe"/>); null when not asked (not an x86_64 host), which keeps the CPU table's answer.</summary>
    public bool? RunsI386Code { get; init; }

    public bool RunsDirectly(TargetPlatform target) =>
        target.NixSystem == Nix.System
        || ((Cpus.ForNixSystem(target.NixSystem)?.RunsDirectlyOn.Contains(Nix.System) ?? false)
            && !(target.Cpu.Elf.Machine == ElfMachines.X86 && RunsI386Code == false));

    public EmulationSupport Assess(TargetPlatform target)
    {
        var direct = RunsDirectly(target);
        var handler = direct ? null : HandlerFor(target);
        var accepts = ProbedSystems.TryGetValue(target.NixSystem, out var probed) ? probed : Nix.Accepts(target.NixSystem);
        string? blocker = null;
        if (RemoteBuilderFor(target) is { } remote && !(target.IsMusl && !target.Elf.Is64Bit && target.Elf.Machine == ElfMachines.Arm))
        {
            // Nix sends system-<target> derivations to the builder: no local emulator needed.
            return new EmulationSupport(direct, handler, true, Nix.Trusted, null) { RemoteBuilder = remote };
        }

        if (target.IsMusl && !target.Elf.Is64Bit && target.Elf.Machine == ElfMachines.Arm)
        {
            blocker = "nixpkgs' pkgsMusl refuses 32-bit ARM build platforms, so there is no emulated musl build for it";
        }
        else if (!direct && !Binfmt.Mounted)
        {
            blocker = $"binfmt_misc is not mounted ({Binfmt.Folder}), so no emulator can run {target.NixSystem} code";
        }
        else if (!direct && handler is null && target.Cpu.Elf.Machine == ElfMachines.X86 && RunsI386Code == false)
        {
            blocker = $"this {Nix.System} kernel cannot execute i686 code (a tiny i386 program failed with \"Exec format error\": no IA32 emulation) and no binfmt_misc handler runs it";
        }
        else if (!direct && handler is null)
        {
            blocker = Binfmt.Handlers.Any(h => h.Matches(target))
                ? $"the binfmt_misc handler for {target.NixSystem} ({string.Join(", ", Binfmt.Handlers.Where(h => h.Matches(target)).Select(h => h.Name))}) is disabled"
                : $"no binfmt_misc handler runs {target.NixSystem} code (no QEMU registered for it)";
        }
        else if (!accepts && !Nix.Trusted)
        {
            blocker = ProbedSystems.ContainsKey(target.NixSystem)
                ? $"a test build showed that Nix (its daemon) will not build {target.NixSystem}, and it ignores extra-platforms from an untrusted user"
                : $"Nix does not build {target.NixSystem} (not in extra-platforms) and ignores extra-platforms from an untrusted user";
        }

        return new EmulationSupport(direct, handler, accepts, Nix.Trusted, blocker);
    }
}
