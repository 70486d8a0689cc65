using CrossSdk.Tools;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// What every nix call of one build shares, made once by the orchestrator after the host probe:
/// the runner, the version (how installables are spelt), whether evaluation needs flakes, the
/// systems its plans build under QEMU and the binary caches Nix asks (both name the cause of a failure).
/// </summary>
internal sealed record NixContext(IToolRunner Runner, Version Version)
{
    /// <summary>Some nixpkgs of the build is a flake: evaluation needs the `flakes` feature.</summary>
    public bool Flakes { get; init; }

    /// <summary>The systems the build's plans (or candidates) build under QEMU.</summary>
    public IReadOnlyList<string> EmulatedSystems { get; init; } = [];

    /// <summary>The binary caches Nix asks: a cache that answers garbage is named by them (Nix names only the file).</summary>
    public IReadOnlyList<string> Substituters { get; init; } = [];

    /// <summary>The progress ticker's clock (a test's fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
