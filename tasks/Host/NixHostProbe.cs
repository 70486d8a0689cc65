using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Nix;

namespace CrossSdk.Host;

/// <summary>Asks the host's Nix for its version and configuration. Runs only when a build is needed.</summary>
public sealed class NixHostProbe(INixRunner runner)
{
    public async Task<NixHostInfo> ProbeAsync(CancellationToken cancellation)
    {
        var versionResult = await runner.RunAsync(NixCommandLine.Version(), null, cancellation).ConfigureAwait(false);
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

        var configResult = await runner.RunAsync(NixCommandLine.ShowConfig(), null, cancellation).ConfigureAwait(false);
        if (configResult.ExitCode != 0)
        {
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"`nix show-config --json` failed with exit code {configResult.ExitCode}. Check the Nix configuration (nix.conf, NIX_CONFIG).");
        }

        return ParseConfig(version, versionText, configResult.StandardOutput);
    }

    /// <summary>Reads `nix show-config --json`: {"system": {"value": "x86_64-linux", ...}, ...}.</summary>
    public static NixHostInfo ParseConfig(Version version, string versionText, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var system = Value(root, "system").GetString()!;
            var extra = Value(root, "extra-platforms") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(e => e.GetString()!).ToList()
                : [];
            return new NixHostInfo(version, versionText, system, extra);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"Could not read `nix show-config --json` ({ex.Message}).", inner: ex);
        }
    }

    private static JsonElement Value(JsonElement root, string name) => root.GetProperty(name).GetProperty("value");
}
