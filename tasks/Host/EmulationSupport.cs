namespace CrossSdk.Host;

/// <summary>Whether, and how, this host can build a target's own way (not cross).</summary>
/// <param name="Direct">The host runs the target's code without emulation (the host itself, or i686 on x86_64).</param>
/// <param name="Handler">The enabled binfmt_misc handler that runs the target's code, if any.</param>
/// <param name="NixAccepts">Nix builds the system now (system or extra-platforms).</param>
/// <param name="CanAddPlatform">CrossSdk may add it to extra-platforms itself (trusted user).</param>
/// <param name="Blocker">Why emulation is impossible, for the reason and the error; null when possible.</param>
internal sealed record EmulationSupport(bool Direct, BinfmtHandler? Handler, bool NixAccepts, bool CanAddPlatform, string? Blocker)
{
    public bool Possible => Blocker is null;

    /// <summary>A remote builder that builds the system natively; then no local emulator is needed.</summary>
    public BuilderMachine? RemoteBuilder { get; init; }
}
