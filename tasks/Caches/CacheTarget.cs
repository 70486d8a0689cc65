using CrossSdk.Diagnostics;

namespace CrossSdk.Caches;

/// <summary>
/// Where CrossCacheUpload sends a build's outputs, and how they get signed: a binary cache
/// (file://, s3://, http(s)://) signs them as it writes them (`?secret-key=FILE` on the store
/// URL, which needs no trust); an ssh:// or ssh-ng:// store receives paths signed in the local
/// store first (`nix store sign`). Only the key file's path is ever written anywhere.
/// </summary>
internal sealed record CacheTarget(string Url, string? KeyFile)
{
    private static readonly string[] BinaryCacheSchemes = ["file", "s3", "http", "https"];
    private static readonly string[] Schemes = [.. BinaryCacheSchemes, "ssh", "ssh-ng"];

    /// <summary>A binary cache signs what it receives with the key in its URL.</summary>
    public bool IsBinaryCache => BinaryCacheSchemes.Contains(Scheme(Url));

    /// <summary>
    /// The URL `nix copy --to` gets: a binary cache's with `secret-key=` added. Nix splits a store
    /// URL's query on '&amp;' and '=' and percent-decodes each value, so the path is percent-encoded:
    /// a key file named `/keys/a&amp;compression=none` stays that path and sets no other parameter.
    /// </summary>
    public string CopyUrl => IsBinaryCache && KeyFile is not null
        ? Url + (Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "secret-key=" + Uri.EscapeDataString(KeyFile)
        : Url;

    /// <summary>CROSS0072 for a URL Nix cannot push to; CROSS0073 for a key file that cannot be read.</summary>
    public static CacheTarget? Parse(string? url, string? keyFile)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        url = url.Trim();
        if (!Schemes.Contains(Scheme(url)) || url.Contains(' ', StringComparison.Ordinal))
        {
            throw new CrossException(
                DiagnosticCodes.InvalidCacheUpload,
                $"CrossCacheUpload '{url}' is not a Nix store URL CrossSdk can push to. Use file:///path/to/cache, ssh://user@host, ssh-ng://user@host, " +
                "or s3://bucket (only with a Nix built with S3 support: Debian's nix-bin 2.8 is not).");
        }

        if (url.Contains("secret-key=", StringComparison.Ordinal))
        {
            throw new CrossException(
                DiagnosticCodes.InvalidCacheUpload,
                "CrossCacheUpload names a secret-key in its URL: give the key file as CrossCacheSigningKeyFile instead, so that CrossSdk can keep it out of its logs.");
        }

        if (keyFile is not null)
        {
            try
            {
                using var stream = File.OpenRead(keyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CrossException(
                    DiagnosticCodes.SigningKeyUnreadable,
                    $"CrossCacheSigningKeyFile '{keyFile}' cannot be read ({ex.GetType().Name}). Make one with `nix-store --generate-binary-cache-key NAME secret.key public.key`, " +
                    "keep it out of the repository (a CI secret written to a file), and give its path.");
            }
        }

        return new CacheTarget(url, keyFile);
    }

    private static string Scheme(string url) => url.IndexOf("://", StringComparison.Ordinal) is > 0 and var i ? url[..i] : "";
}
