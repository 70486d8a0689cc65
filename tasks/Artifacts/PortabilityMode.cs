namespace CrossSdk.Artifacts;

/// <summary>What CrossSdk does about /nix/store paths in shipped binaries.</summary>
internal enum PortabilityMode
{
    /// <summary>Rewrite the shipped copy: $ORIGIN RUNPATH, the standard interpreter, needed libraries beside it.</summary>
    Rewrite,

    /// <summary>Fail on any store path in a shipped file.</summary>
    Check,

    /// <summary>Ship as built.</summary>
    Off,
}
