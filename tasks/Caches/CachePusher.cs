using System.Globalization;
using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Log;
using CrossSdk.Tools;

namespace CrossSdk.Caches;

/// <summary>
/// After a successful build: signs the outputs and toolchains with their closures and copies them
/// to CrossCacheUpload. They are named as the build named them (installables: a .drv path before
/// Nix 2.13, which stands for all of its outputs; `drv^out` after), so the cache gets what a
/// later build of the same derivations will ask for. Nix skips paths the cache has already, so a
/// push is incremental; each path sent is logged, and one summary line says how many paths and
/// MiB went. A failure is a warning
/// (the build itself succeeded) unless CrossCacheUploadRequired=true.
/// </summary>
internal sealed class CachePusher(IToolRunner runner, ICrossLog log)
{
    public async Task PushAsync(CacheTarget target, IReadOnlyCollection<string> installables, IReadOnlyList<string> extraOptions, bool required, CancellationToken cancellation)
    {
        try
        {
            var summary = await PushCoreAsync(target, installables, extraOptions, cancellation).ConfigureAwait(false);
            log.LogMessage(LogImportance.High, summary);
        }
        catch (CrossException ex) when (!required && ex.Code == DiagnosticCodes.CacheUploadFailed)
        {
            log.LogWarning(ex.Code, ex.Message + " The build itself succeeded; set CrossCacheUploadRequired=true to make this an error.");
        }
    }

    private async Task<string> PushCoreAsync(CacheTarget target, IReadOnlyCollection<string> paths, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        // NAR sizes of the closures, to say how much was sent.
        var sizes = ParseNarSizes(await RunAsync(NixCommandLine.PathInfo(paths), target, cancellation).ConfigureAwait(false));
        if (target.KeyFile is not null && !target.IsBinaryCache)
        {
            // An ssh store takes the signatures the local store has.
            await RunAsync(NixCommandLine.Sign(paths, target.KeyFile), target, cancellation).ConfigureAwait(false);
        }

        var sent = new List<string>();
        log.LogMessage(LogImportance.Normal, $"CrossSdk: pushing {paths.Count} output(s) and their closures ({sizes.Count} paths) to {target.Url}");
        await RunAsync(NixCommandLine.Copy(paths, target.CopyUrl, extraOptions), target, cancellation, line =>
        {
            if (NixLogParser.Parse(line) is NixLogEvent.Started { Type: NixActivityType.CopyPath } s && s.Fields.Count > 0 && s.Fields[0].ValueKind == JsonValueKind.String)
            {
                var path = s.Fields[0].GetString()!;
                lock (sent)
                {
                    sent.Add(path);
                    log.LogMessage(LogImportance.Normal, $"CrossSdk: pushing {StorePaths.NameOf(path)} ({Mib(sizes.GetValueOrDefault(path)) } MiB), {sent.Count} of at most {sizes.Count}");
                }
            }
        }).ConfigureAwait(false);

        var bytes = sent.Sum(p => sizes.GetValueOrDefault(p));
        return $"CrossSdk: pushed {sent.Count} path(s) ({Mib(bytes)} MiB) to {target.Url}; {sizes.Count - sent.Count} were there already";
    }

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, CacheTarget target, CancellationToken cancellation, Action<string>? onLine = null)
    {
        // The arguments hold the key file's path at most, never its contents.
        log.LogMessage(LogImportance.Low, "CrossSdk: nix " + string.Join(" ", arguments));
        var errors = new List<string>();
        var result = await runner.RunAsync(arguments, line =>
        {
            onLine?.Invoke(line);
            if (NixLogParser.Parse(line) is NixLogEvent.Message { Level: 0 } m)
            {
                lock (errors) { errors.Add(m.Text); }
            }
            else if (NixLogParser.Parse(line) is NixLogEvent.Plain p && p.Text.Trim().Length > 0)
            {
                lock (errors) { errors.Add(NixLogParser.CleanMessage(p.Text)); }
            }
        }, cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        if (result.ExitCode != 0)
        {
            var why = errors.Count == 0 ? $"exit code {result.ExitCode}" : NixLogParser.Headline(errors[^1]);
            throw new CrossException(
                DiagnosticCodes.CacheUploadFailed,
                $"Pushing to the cache {target.Url} failed: `nix {arguments[2]}` said: {why}. Check that the cache answers (`nix store ping --store {target.Url}`), " +
                "that you may write to it, and for ssh:// stores that Nix trusts this user (signing needs it).");
        }

        return result.StandardOutput;
    }

    /// <summary>`nix path-info --json`: [{"path": ..., "narSize": N, ...}] (2.8 to 2.18); from 2.19 an object keyed by path.</summary>
    internal static Dictionary<string, long> ParseNarSizes(string json)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        IEnumerable<(string Path, JsonElement Info)> entries = doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("path").GetString()!, e))
            : doc.RootElement.EnumerateObject().Select(p => (p.Name, p.Value));
        foreach (var (path, info) in entries)
        {
            sizes[path] = info.ValueKind == JsonValueKind.Object && info.TryGetProperty("narSize", out var n) ? n.GetInt64() : 0;
        }

        return sizes;
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
