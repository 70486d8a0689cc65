using System.Collections.Concurrent;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// Names a derivation for a person: "zlib-1.2.13 for aarch64-linux under QEMU",
/// "greet-aarch64-unknown-linux-gnu-1.0.0 for aarch64-linux", "patchelf-0.17.2 for x86_64-linux",
/// "... on ssh://builder". A cross derivation is recognised by the target's config in its name (as
/// nixpkgs names them); any other by the system in its .drv file, which is "under QEMU" where that
/// system's plan is emulated and no remote machine builds it.
/// </summary>
internal sealed class DerivationLabels(IReadOnlyList<TargetPlan> plans, Func<string, DerivationFile?>? read = null)
{
    private readonly Func<string, DerivationFile?> read = read ?? DerivationFile.TryRead;
    private readonly ConcurrentDictionary<string, string?> systems = new(StringComparer.Ordinal);

    public string Describe(string drvPath, string machine)
    {
        var name = StorePaths.NameOf(drvPath);
        var remote = string.IsNullOrEmpty(machine) ? "" : $" on {machine}";
        var cross = plans.FirstOrDefault(p => p.Strategy == Strategy.Cross &&
            (name.Contains($"-{p.Target.Config}", StringComparison.Ordinal) || name.StartsWith($"{p.Target.Config}-", StringComparison.Ordinal)));
        if (cross is not null)
        {
            return $"{name} for {cross.Target}{remote}";
        }

        var system = systems.GetOrAdd(drvPath, p => read(p)?.System);
        if (system is null)
        {
            return name + remote;
        }

        var emulated = remote.Length == 0 && plans.Any(p => p.Strategy == Strategy.Emulated && p.Target.NixSystem == system);
        return $"{name} for {system}{(emulated ? " under QEMU" : remote)}";
    }
}
