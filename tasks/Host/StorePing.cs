using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Log;
using CrossSdk.Tools;

namespace CrossSdk.Host;

/// <summary>Whether a store answers (a remote builder, a binary cache): `nix store ping --store URI`, for CrossDoctor.</summary>
internal sealed class StorePing(IToolRunner runner)
{
    /// <summary>Null when the store answered; else Nix's reason, one line.</summary>
    public async Task<string?> PingAsync(string store, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var result = await runner.RunAsync([.. NixCommandLine.Ping(store), .. options], line =>
        {
            // Plain stderr (no JSON log for a ping); StripAnsi, not CleanMessage, which drops the "error:" looked for here.
            var text = NixLogParser.StripAnsi(line).Trim();
            if (text.StartsWith("error:", StringComparison.Ordinal))
            {
                lock (errors)
                {
                    errors.Add(NixLogParser.Headline(text["error:".Length..].Trim()));
                }
            }
        }, cancellation).ConfigureAwait(false);
        return result.ExitCode == 0 ? null : errors.Count > 0 ? string.Join("; ", errors) : $"exit code {result.ExitCode}";
    }
}
