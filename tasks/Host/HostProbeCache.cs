using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrossSdk.Diagnostics;

namespace CrossSdk.Host;

/// <summary>
/// Keeps what `nix --version` and `nix show-config` said in the user's cache folder, so that a
/// rebuild after a source change does not ask again. The cache is keyed on everything that can
/// change the answer: the nix executable (its resolved path, size and time), the nix.conf files
/// Nix reads, the NIX_* variables that configure it, and the user. Anything else (an unreadable
/// or stale file) means probing again.
/// Each key has a file of its own (<c>host-probe-&lt;key&gt;.json</c>), so that builds using two nix
/// executables or two users' settings (a CI machine with a system nix and a pinned one, or
/// the test suite beside a real build) each keep their answer instead of overwriting one file
/// and probing again every time. Files unused for <see cref="StaleAfter"/> are removed.
/// </summary>
internal sealed class HostProbeCache(string cacheDirectory, string nixExecutable)
{
    /// <summary>The file name pattern of the cache files, for tools and docs.</summary>
    public const string FilePattern = "host-probe-*.json";

    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    private static readonly string[] Variables =
        ["NIX_CONFIG", "NIX_CONF_DIR", "NIX_USER_CONF_FILES", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "NIX_REMOTE", "NIX_DAEMON_SOCKET_PATH", "NIX_STORE_DIR", "NIX_STATE_DIR", "PATH"];

    public async Task<NixHostInfo> GetAsync(Func<Task<NixHostInfo>> probe)
    {
        var key = Key();
        var cacheFile = FileFor(key);
        if (Read(cacheFile) is { } cached && cached.Key == key)
        {
            return cached.Info;
        }

        var info = await probe().ConfigureAwait(false);
        Write(cacheFile, new Entry(key, info));
        return info;
    }

    /// <summary>The file that holds the answer for <paramref name="key"/>.</summary>
    public string FileFor(string key) => Path.Combine(cacheDirectory, $"host-probe-{key[..16]}.json");

    /// <summary>The inputs of Nix's answer, hashed.</summary>
    public string Key()
    {
        // The schema: a probe cached before NixHostInfo read the cache settings (substituters,
        // trusted-substituters, trusted-public-keys) must not be taken as "none".
        var lines = new List<string> { "schema 2", "user " + Environment.UserName, "nix " + Describe(Resolve(nixExecutable)) };
        lines.AddRange(Variables.Select(v => $"env {v}={Environment.GetEnvironmentVariable(v)}"));
        lines.AddRange(WithIncludes(ConfigFiles()).Select(f => "conf " + Describe(f)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();
    }

    /// <summary>The files Nix reads its settings from (https://nix.dev/manual/nix/stable/command-ref/conf-file).</summary>
    private static IEnumerable<string> ConfigFiles()
    {
        yield return Path.Combine(Environment.GetEnvironmentVariable("NIX_CONF_DIR") is { Length: > 0 } dir ? dir : "/etc/nix", "nix.conf");
        if (Environment.GetEnvironmentVariable("NIX_USER_CONF_FILES") is { Length: > 0 } files)
        {
            foreach (var file in files.Split(':'))
            {
                yield return file;
            }

            yield break;
        }

        var home = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".config");
        yield return Path.Combine(home, "nix", "nix.conf");
        foreach (var configDir in (Environment.GetEnvironmentVariable("XDG_CONFIG_DIRS") ?? "/etc/xdg").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(configDir, "nix", "nix.conf");
        }
    }

    /// <summary>
    /// The config files and every file they `include` or `!include` (relative to the including
    /// file's folder), recursively: the Determinate installer's nix.conf is one `!include` line.
    /// </summary>
    private static IEnumerable<string> WithIncludes(IEnumerable<string> files)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(files);
        while (pending.Count > 0)
        {
            var file = pending.Dequeue();
            if (!seen.Add(file))
            {
                continue;
            }

            yield return file;
            string[] lines;
            try
            {
                lines = File.Exists(file) ? File.ReadAllLines(file) : [];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var line in lines.Select(l => l.Trim()))
            {
                var include = line.StartsWith("!include ", StringComparison.Ordinal) ? line[9..]
                    : line.StartsWith("include ", StringComparison.Ordinal) ? line[8..]
                    : null;
                if (include is { Length: > 0 })
                {
                    pending.Enqueue(Path.GetFullPath(include.Trim(), Path.GetDirectoryName(file) ?? "/"));
                }
            }
        }
    }

    /// <summary>A file by path, size and modification time (following links: a Nix profile's nix is one); "missing" when it is not there.</summary>
    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
        return target.Exists ? $"{path} -> {target.FullName} {target.Length} {target.LastWriteTimeUtc.Ticks}" : $"{path} missing";
    }

    private static string Resolve(string executable)
    {
        if (executable.Contains('/'))
        {
            return Path.GetFullPath(executable);
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return executable;
    }

    private static Entry? Read(string cacheFile)
    {
        try
        {
            return File.Exists(cacheFile) ? JsonSerializer.Deserialize<Entry>(File.ReadAllText(cacheFile), Options) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    private void Write(string cacheFile, Entry entry)
    {
        var json = JsonSerializer.Serialize(entry, Options);
        try
        {
            if (Secrets.HasSecret(json))
            {
                // Nix's settings hold a URL credential (a substituter or builder in nix.conf or
                // NIX_CONFIG): those are Nix's, and no file CrossSdk writes may hold them. Probing again
                // next time costs two quick nix calls; a redacted copy would plan with broken URLs.
                File.Delete(cacheFile);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            var temporary = cacheFile + ".tmp";
            File.WriteAllText(temporary, json);
            File.Move(temporary, cacheFile, overwrite: true);
            RemoveStale(cacheFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next build two quick nix calls.
        }
    }

    /// <summary>Answers for a nix or a configuration unused for a month are dropped (only when a new one is written).</summary>
    private void RemoveStale(string keep)
    {
        foreach (var file in Directory.EnumerateFiles(cacheDirectory, FilePattern))
        {
            if (file != keep && DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleAfter)
            {
                File.Delete(file);
            }
        }
    }

    private sealed record Entry(string Key, NixHostInfo Info);
}
