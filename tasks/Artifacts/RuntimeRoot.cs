namespace CrossSdk.Artifacts;

/// <summary>
/// A target's runtime root from Nix: one folder whose lib/ holds the target's dynamic loader, C
/// library, libgcc_s, libstdc++ and ICU, kept alive by a GC root. QEMU loads the app with it as
/// its prefix (-L), so the app finds the target's libraries where its ELF headers say.
/// </summary>
internal sealed record RuntimeRoot(string Rid, string Path);
