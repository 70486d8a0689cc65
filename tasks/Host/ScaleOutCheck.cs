using CrossSdk.Diagnostics;

namespace CrossSdk.Host;

/// <summary>
/// What Nix will make of CrossSdk's caches and builders, before it runs: a daemon takes
/// substituters, keys and builders from an untrusted user only in part (see each check), and a
/// builder line that lacks a target's system or `big-parallel` is never sent that target's
/// toolchain. Pure: each finding is a warning with its code.
/// </summary>
internal static class ScaleOutCheck
{
    public static IReadOnlyList<(string Code, string Message)> Check(
        NixHostInfo nix,
        IReadOnlyList<string> substituters,
        IReadOnlyList<string> publicKeys,
        string? crossBuilders,
        IReadOnlyList<BuilderMachine> builders,
        IReadOnlyCollection<string> foreignSystems)
    {
        var findings = new List<(string, string)>();
        if (!nix.Trusted)
        {
            // The daemon (daemon.cc, setOptions) takes an untrusted user's substituters only when
            // each is in its substituters or trusted-substituters, and never its trusted-public-keys.
            var ignored = substituters.Where(s => !nix.TrustedSubstituters.Contains(s) && !nix.Substituters.Contains(s)).ToList();
            var untrustedKeys = publicKeys.Where(k => !nix.TrustedPublicKeys.Contains(k)).ToList();
            if (ignored.Count > 0 || untrustedKeys.Count > 0)
            {
                var lines = new List<string>();
                if (ignored.Count > 0)
                {
                    lines.Add($"trusted-substituters = {string.Join(" ", ignored)}");
                }

                if (untrustedKeys.Count > 0)
                {
                    lines.Add($"extra-trusted-public-keys = {string.Join(" ", untrustedKeys)}");
                }

                findings.Add((DiagnosticCodes.CacheIgnoredUntrusted,
                    $"Nix's daemon does not trust this user, so it ignores {Describe(ignored, untrustedKeys)} from CrossSubstituters/CrossTrustedPublicKeys: " +
                    "paths from that cache will be built instead of fetched. Fix: add to the daemon's nix.conf (/etc/nix/nix.conf) " +
                    string.Join(" and ", lines.Select(l => $"'{l}'")) +
                    " and restart it (systemctl restart nix-daemon), or add the user to trusted-users."));
            }

            if (!string.IsNullOrWhiteSpace(crossBuilders))
            {
                findings.Add((DiagnosticCodes.BuildersIgnoredUntrusted,
                    "Nix's daemon does not trust this user, so it ignores CrossBuilders (--builders counts only for trusted users): nothing is built remotely. " +
                    $"Fix: put the builders in the daemon's nix.conf ('builders = {crossBuilders.Trim()}') or in its machines file (/etc/nix/machines) and restart it, or add the user to trusted-users."));
            }
        }

        foreach (var builder in builders)
        {
            var missing = foreignSystems.Where(s => !builder.Serves(s)).ToList();
            if (missing.Count > 0 && !foreignSystems.Any(builder.Serves))
            {
                findings.Add((DiagnosticCodes.BuilderUnusable, builder.SystemsGiven
                    ? $"the remote builder {builder.Uri} lists the systems {string.Join(",", builder.Systems)}, not {string.Join(", ", missing)}: Nix will not send these targets' derivations to it. Fix: add the system to the builder's line (second field), if the machine builds it."
                    : $"the remote builder {builder.Uri} names no system (second field '-'), so Nix takes it for its own system only and will not send it {string.Join(", ", missing)} derivations. Fix: name the systems it builds (e.g. '{builder.Uri} {missing[0]} ...')."));
            }
            else if (foreignSystems.Any(builder.Serves) && !builder.Supports(BuilderMachine.BigParallel))
            {
                findings.Add((DiagnosticCodes.BuilderUnusable,
                    $"the remote builder {builder.Uri} lacks the 'big-parallel' feature, which nixpkgs' gcc (every toolchain) requires: Nix will not build toolchains there, and CrossSdk does not plan with it. Fix: add big-parallel to the builder's supported features (sixth field)."));
            }
        }

        return findings;
    }

    private static string Describe(List<string> substituters, List<string> keys) =>
        string.Join(" and ", new[]
        {
            substituters.Count == 0 ? null : $"the substituter{(substituters.Count == 1 ? "" : "s")} {string.Join(" ", substituters)}",
            keys.Count == 0 ? null : $"the public key{(keys.Count == 1 ? "" : "s")} {string.Join(" ", keys.Select(k => k.Split(':')[0]))}",
        }.OfType<string>());
}
