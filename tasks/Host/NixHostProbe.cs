using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Tools;

namespace CrossSdk.Host;

/// <summary>Asks the host's Nix for its version and configuration. Runs only when a build is needed.</summary>
internal sealed class NixHostProbe(IToolRunner runner)
{
    public async Task<NixHostInfo> ProbeAsync(CancellationToken cancellation)
    {
        // Both at once: the answers do not depend on each other, and each nix process costs its
        // start-up (more through a daemon). The version's verdict comes first all the same: a Nix
        // too old for CrossSdk may fail show-config, and must be told it is too old.
        var versionCall = RunAsync(NixCommandLine.Version(), cancellation);
        var configCall = RunAsync(NixCommandLine.ShowConfig(), cancellation);
        try
        {
            await Task.WhenAll(versionCall, configCall).ConfigureAwait(false);
        }
        catch (Exception) when (versionCall.IsFaulted || versionCall.IsCanceled || configCall.IsFaulted || configCall.IsCanceled)
        {
            // Each call's failure is rethrown below, where its answer is read: the version's first.
        }

        var versionResult = await versionCall.ConfigureAwait(false);
        var versionText = versionResult.StandardOutput.Trim();
        var version = NixVersion.Parse(versionText);
        if (versionResult.ExitCode != 0 || version is null)
        {
            throw new CrossException(DiagnosticCodes.NixNotFound, $"`nix --version` did not answer with a version (exit code {versionResult.ExitCode}: '{versionText}'). Check the Nix installation.");
        }

        if (version < NixVersion.Minimum)
        {
            throw new CrossException(
                DiagnosticCodes.NixTooOld,
                $"{versionText} is older than Nix {NixVersion.Minimum}, the oldest CrossSdk supports. Upgrade Nix (https://nixos.org/download).");
        }

        var configResult = await configCall.ConfigureAwait(false);
        if (configResult.ExitCode != 0)
        {
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"`nix show-config --json` failed with exit code {configResult.ExitCode}. Check the Nix configuration (nix.conf, NIX_CONFIG).");
        }

        return WithTrust(ParseConfig(version, versionText, configResult.StandardOutput));
    }

    /// <summary>
    /// Whether Nix trusts this user, from the settings Nix gave and this process's user, groups
    /// and store access. Computed on every build, also from a cached probe: a user added to a
    /// trusted group, or a store made writable, changes it without changing Nix's answer.
    /// </summary>
    public static NixHostInfo WithTrust(NixHostInfo info)
    {
        var user = Environment.UserName;
        return info with { Trusted = IsTrusted(info.TrustedUsers, user, UserGroups.OfCurrentUser(user), LocalStoreIsOurs()) };
    }

    /// <summary>
    /// Runs a probe call; when it fails for a cause of the Nix set-up (a setting Nix rejects in
    /// NIX_CONFIG fails even `nix --version`; experimental features off fail `show-config`), that
    /// cause's own error is thrown rather than "no version" or "unreadable output".
    /// </summary>
    private async Task<NixProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var processor = new NixLogProcessor(NullCrossLog.Instance);
        var stderr = new NixStderrWatch();
        var result = await runner.RunAsync(arguments, stderr.Around(processor.Feed), cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0
            && NixSetupFailure.Recognise(stderr.WithoutWarnings(processor.Errors).Select(e => e.Text).ToList(), new Dictionary<string, IReadOnlyList<string>>(), stderr.PlainLines, result.ExitCode, [], []) is { } setup)
        {
            throw setup;
        }

        return result;
    }

    /// <summary>
    /// Trusted when Nix opens the store itself (no daemon between: root, or a writable state
    /// folder) or trusted-users names the user, `*`, or a group of the user's (`@group`, as the
    /// daemon matches it: <see cref="UserGroups"/>).
    /// </summary>
    public static bool IsTrusted(IReadOnlyList<string> trustedUsers, string user, IReadOnlyList<string> groups, bool localStore) =>
        localStore || trustedUsers.Contains("*") || trustedUsers.Contains(user)
        || trustedUsers.Any(t => t.StartsWith('@') && groups.Contains(t[1..]));

    private static bool LocalStoreIsOurs()
    {
        var remote = Environment.GetEnvironmentVariable("NIX_REMOTE");
        if (!string.IsNullOrEmpty(remote) && remote is not ("local" or "auto"))
        {
            return false;
        }

        return Environment.UserName == "root" || (Directory.Exists("/nix/var/nix") && CanWrite("/nix/var/nix"));
    }

    private static bool CanWrite(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, ".crosssdk-probe-" + Environment.ProcessId);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads `nix show-config --json`: {"system": {"value": "x86_64-linux", ...}, ...}.</summary>
    public static NixHostInfo ParseConfig(Version version, string versionText, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var system = Value(root, "system").GetString()!;
            return new NixHostInfo(version, versionText, system, Strings(root, "extra-platforms"))
            {
                Sandbox = Value(root, "sandbox") is { ValueKind: JsonValueKind.String } sandbox ? sandbox.GetString()! : Value(root, "sandbox").ToString().ToLowerInvariant(),
                Builders = root.TryGetProperty("builders", out var b) && b.GetProperty("value").ValueKind == JsonValueKind.String ? b.GetProperty("value").GetString()! : "",
                TrustedUsers = root.TryGetProperty("trusted-users", out _) ? Strings(root, "trusted-users") : [],
                Substituters = root.TryGetProperty("substituters", out _) ? Strings(root, "substituters") : [],
                TrustedSubstituters = root.TryGetProperty("trusted-substituters", out _) ? Strings(root, "trusted-substituters") : [],
                TrustedPublicKeys = root.TryGetProperty("trusted-public-keys", out _) ? Strings(root, "trusted-public-keys") : [],
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"Could not read `nix show-config --json` ({ex.Message}).", inner: ex);
        }
    }

    private static JsonElement Value(JsonElement root, string name) => root.GetProperty(name).GetProperty("value");

    // Lists are JSON arrays (2.8+); some versions print a space-separated string.
    private static List<string> Strings(JsonElement root, string name) => Value(root, name) switch
    {
        { ValueKind: JsonValueKind.Array } list => list.EnumerateArray().Select(e => e.ToString()).ToList(),
        { ValueKind: JsonValueKind.String } text => text.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
        _ => [],
    };
}
