using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// Says, before the build, when Nix is about to compile a target's toolchain instead of fetching
/// it (stable nixpkgs branches often miss the cross gcc in the binary cache): that takes from tens
/// of minutes to hours, and there are ways around it. Decided from a dry run of the target's
/// stdenv.cc attribute (the `--toolchain` installable): a compiler, binutils or C library among the
/// derivations it would build means a compile. A wrapper alone (cc-wrapper, binutils-wrapper) is
/// a few seconds of work and says nothing.
/// </summary>
internal static class ToolchainNotice
{
    private static readonly HashSet<string> CompiledParts = new(StringComparer.Ordinal)
    {
        "gcc", "binutils", "glibc", "musl", "libgcc", "clang", "llvm", "compiler-rt", "newlib",
    };

    /// <summary>The toolchain parts (names) among derivations to build that are compiled, not wrapped.</summary>
    public static IReadOnlyList<string> CompiledToolchainParts(IEnumerable<string> drvPaths) =>
        drvPaths.Select(StorePaths.NameOf)
            .Where(name => !name.Contains("wrapper", StringComparison.Ordinal) && name.Split('-').Any(CompiledParts.Contains))
            .ToList();

    /// <summary>The message for a plan whose toolchain Nix will compile, or null if it compiles none.</summary>
    public static string? For(TargetPlan plan, IReadOnlyList<string> drvPathsToBuild)
    {
        var parts = CompiledToolchainParts(drvPathsToBuild);
        if (parts.Count == 0)
        {
            return null;
        }

        var system = plan.Target.NixSystem;
        var named = string.Join(", ", parts.Take(4)) + (parts.Count > 4 ? $" and {parts.Count - 4} more" : "");
        var otherStrategy = plan.Strategy switch
        {
            Strategy.Emulated => "build this target with the cross toolchain (-p:CrossStrategy=cross, or Strategy=\"cross\" on its CrossTarget item), which compiles at host speed instead of ~16x slower under QEMU, ",
            Strategy.Cross => $"build it emulated (-p:CrossStrategy=emulated, or Strategy=\"emulated\" on its CrossTarget item), which takes {system}'s native toolchain and packages from the binary cache where it has them, ",
            _ => "",
        };
        return $"CrossSdk: {plan.Target}: no binary cache has the {plan.Strategy.ToText()} toolchain, so Nix will compile it before your packages ({named}). " +
            "This happens once per nixpkgs revision and target, and can take from tens of minutes to hours; later builds reuse it (obj/cross/gcroots keeps it from garbage collection). " +
            $"To avoid it: use a binary cache that has it (nix.conf `substituters` and `trusted-public-keys`; a team cache filled with `nix copy --to`), {otherStrategy}" +
            $"or let a remote builder for {system} build it (nix.conf `builders`).";
    }
}
