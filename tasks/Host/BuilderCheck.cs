using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrossSdk.Diagnostics;

namespace CrossSdk.Host;

/// <summary>
/// Whether a remote builder answers, asked before CrossSdk plans with it: a builder that is down
/// would otherwise turn a plan "built natively on ssh://..." (1x) into Nix's silent fallback, an
/// emulated build under QEMU here (~16x). One `nix store ping --store URI` per builder, with a
/// short timeout, run beside the rest of the probe; the answer is kept in obj/cross/ (keyed on
/// the host probe's key, the builder, the Nix options and what configures ssh) for
/// <see cref="Lifetime"/>, so the builds of an edit loop do not ask again.
/// </summary>
internal sealed class BuilderCheck(StorePing ping, string cacheFile, string hostKey, TimeProvider? time = null, TimeSpan? timeout = null)
{
    public const string CacheFileName = "builder-answers.json";

    /// <summary>Long enough for ssh's handshake over a slow link and the remote Nix to start; short enough to be paid once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long an answer (yes or no) is taken as still true.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    private static readonly object FileGate = new();

    private readonly TimeProvider clock = time ?? TimeProvider.System;

    private readonly TimeSpan patience = timeout ?? DefaultTimeout;

    /// <summary>The builders worth asking: those the planner could send a foreign target's build to (<see cref="HostCapabilities.RemoteBuilderFor"/>).</summary>
    public static IEnumerable<BuilderMachine> Relevant(IEnumerable<BuilderMachine> builders, IReadOnlyCollection<string> foreignSystems) =>
        builders.Where(b => b.Supports(BuilderMachine.BigParallel) && foreignSystems.Any(b.Serves));

    /// <summary>Null when the builder answered (now or within <see cref="Lifetime"/>); else why not.</summary>
    public async Task<string?> CheckAsync(BuilderMachine builder, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        var key = Key(builder.StoreUri, options);
        var now = clock.GetUtcNow();
        if (Read().TryGetValue(key, out var cached) && cached.At <= now && now - cached.At < Lifetime)
        {
            return cached.Reason is null ? null : $"{cached.Reason} (asked at {cached.At:HH:mm:ss} UTC; asked again {Lifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes later)";
        }

        string? reason;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            limit.CancelAfter(patience);
            try
            {
                reason = await ping.PingAsync(builder.StoreUri, options, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                reason = $"no answer within {patience.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
            }
        }

        // Nix's answer may quote the builder's URL: the file under obj/ keeps it masked.
        Write(key, new Answer(reason is null ? null : Secrets.Redact(reason), now));
        return reason;
    }

    private string Key(string storeUri, IReadOnlyList<string> options)
    {
        // ssh (what Nix runs for ssh:// and ssh-ng://) is configured by NIX_SSHOPTS and its config files.
        var home = Environment.GetEnvironmentVariable("HOME") ?? "";
        var lines = new List<string>
        {
            "builder-check 1",
            "host " + hostKey,
            // A credential in the URL or an option counts by its slow hash (Secrets.ForKey), not as text.
            "store " + Secrets.ForKey(storeUri),
            "options " + Secrets.ForKey(string.Join("\u0001", options)),
            "env NIX_SSHOPTS=" + Environment.GetEnvironmentVariable("NIX_SSHOPTS"),
            "env HOME=" + home,
        };
        lines.AddRange(new[] { Path.Combine(home, ".ssh", "config"), "/etc/ssh/ssh_config" }.Select(f => "conf " + Describe(f)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();
    }

    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{path} {info.Length} {info.LastWriteTimeUtc.Ticks}" : $"{path} missing";
    }

    private Dictionary<string, Answer> Read()
    {
        try
        {
            lock (FileGate)
            {
                return File.Exists(cacheFile)
                    ? JsonSerializer.Deserialize<Dictionary<string, Answer>>(File.ReadAllText(cacheFile), Options) ?? []
                    : [];
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return [];
        }
    }

    private void Write(string key, Answer answer)
    {
        try
        {
            lock (FileGate)
            {
                var all = Read();
                all[key] = answer;
                Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
                var temporary = $"{cacheFile}.tmp-{Environment.ProcessId}";
                File.WriteAllText(temporary, JsonSerializer.Serialize(all, Options));
                File.Move(temporary, cacheFile, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not kept: the next build asks again.
        }
    }

    /// <param name="Reason">Null: it answered.</param>
    private sealed record Answer(string? Reason, DateTimeOffset At);
}
