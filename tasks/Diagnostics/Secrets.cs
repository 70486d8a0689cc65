using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CrossSdk.Diagnostics;

/// <summary>
/// Credentials in URLs, kept out of everything CrossSdk writes: found in any text (a message of
/// CrossSdk's, a line Nix printed, a command line, a file under obj/) and replaced.
/// What counts as a credential:
/// - the password of a URL's userinfo (<c>https://user:PASSWORD@host</c>); the user name is kept;
/// - a userinfo without a password, except in ssh:// and ssh-ng:// (and git+ssh://) URLs, where it
///   is the login name a builder needs to be recognised by; elsewhere (<c>https://TOKEN@github.com</c>)
///   a lone user name is how tokens are passed;
/// - the value of a query parameter whose name contains key, secret, token, password, passwd,
///   pwd, sig, credential, auth or session (<c>secret-key=</c>, <c>X-Amz-Signature=</c>, <c>sig=</c>);
///   a nested URL in any other parameter's value (<c>s3://b?endpoint=http://u:p@minio</c>) is redacted in turn;
/// - the tokens of Nix's <c>access-tokens = github.com=TOKEN</c> setting, which Nix quotes when it rejects the line;
/// - the password of an authority standing without its scheme (<c>'user:PASSWORD@host'</c>), as Nix names an ssh store.
/// A password with a raw '@', '?' or '#' is still found (the last '@' before the first '/' ends the
/// userinfo), and so is one with a raw '/' after a "user:" (a ':' not followed by a port number).
/// </summary>
internal static partial class Secrets
{
    public const string Mask = "***";

    private static readonly string[] SecretParameterWords = ["key", "secret", "token", "password", "passwd", "pwd", "sig", "credential", "auth", "session"];

    private static readonly string[] LoginSchemes = ["ssh", "ssh-ng", "git+ssh"];

    private static readonly ConcurrentDictionary<string, string> KeyHashes = new(StringComparer.Ordinal);

    /// <summary>Salt of the key hash: a constant, so that a key stays the same from build to build.</summary>
    private static readonly byte[] KeySalt = Encoding.UTF8.GetBytes("CrossSdk content key credential");

    /// <summary>The text with every URL credential in it replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string? text) => Replace(text, _ => Mask);

    /// <summary>
    /// The text with every URL credential replaced by a salted slow hash of it (for up-to-date
    /// keys: a changed password still changes the key, and the key never holds the password).
    /// PBKDF2 with many rounds, so that a short password cannot be found from the hash by trying
    /// candidates quickly.
    /// </summary>
    public static string ForKey(string? text) => Replace(text, KeyHash);

    /// <summary>
    /// The name of an environment variable that carries a value with a credential to Nix (see
    /// FlakeReferences.Literal): named by the value's slow hash, so the same value always has the
    /// same name and the name gives nothing away.
    /// </summary>
    public static string EnvironmentName(string value) =>
        "CROSSSDK_CREDENTIAL_" + SlowHash(value).ToUpperInvariant();

    /// <summary>Whether the text holds a URL credential.</summary>
    public static bool HasSecret(string? text) => text is not null && Redact(text) != text;

    private static string KeyHash(string secret) => Mask + "pbkdf2:" + SlowHash(secret);

    private static string SlowHash(string secret) => KeyHashes.GetOrAdd(secret, s =>
        Convert.ToHexString(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(s), KeySalt, 100_000, HashAlgorithmName.SHA256, 12)).ToLowerInvariant());

    private static string Replace(string? text, Func<string, string> mask)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Contains("access-tokens", StringComparison.Ordinal))
        {
            // Nix's own token setting, echoed in its "illegal configuration line '...'" errors.
            text = AccessTokensPattern().Replace(text, m => m.Groups["head"].Value + AccessTokenPattern().Replace(m.Groups["tokens"].Value, t => t.Groups["host"].Value + "=" + mask(t.Groups["token"].Value)));
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            text = UrlPattern().Replace(text, m => m.Groups["scheme"].Value + "://" + RedactRest(m.Groups["scheme"].Value, m.Groups["rest"].Value, mask));
        }

        // An authority without its scheme: Nix names an ssh store by it ("cannot connect to 'user:PASSWORD@host'").
        return text.Contains('@', StringComparison.Ordinal)
            ? AuthorityPattern().Replace(text, m => m.Groups["user"].Value + ":" + mask(m.Groups["password"].Value) + "@")
            : text;
    }

    /// <summary>Everything after "scheme://": userinfo, host, path, query and fragment.</summary>
    private static string RedactRest(string scheme, string rest, Func<string, string> mask)
    {
        var userinfoEnd = UserinfoEnd(rest);
        var prefix = "";
        if (userinfoEnd >= 0)
        {
            var userinfo = rest[..userinfoEnd];
            var colon = userinfo.IndexOf(':', StringComparison.Ordinal);
            prefix = colon >= 0 ? userinfo[..(colon + 1)] + mask(userinfo[(colon + 1)..]) + "@"
                : LoginSchemes.Contains(scheme.ToLowerInvariant()) ? userinfo + "@"
                : mask(userinfo) + "@";
            rest = rest[(userinfoEnd + 1)..];
        }

        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            // A nested URL in the path (a proxy's URL, a flake reference's own): its credentials too.
            return prefix + (rest.Contains("://", StringComparison.Ordinal) ? Replace(rest, mask) : rest);
        }

        var fragment = rest.IndexOf('#', query);
        var queryText = fragment < 0 ? rest[(query + 1)..] : rest[(query + 1)..fragment];
        var parameters = queryText.Split('&').Select(p => RedactParameter(p, mask));
        return prefix + rest[..(query + 1)] + string.Join("&", parameters) + (fragment < 0 ? "" : rest[fragment..]);
    }

    private static string RedactParameter(string parameter, Func<string, string> mask)
    {
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return parameter;
        }

        var name = parameter[..equals];
        var value = parameter[(equals + 1)..];
        if (IsSecretParameter(name))
        {
            return name + "=" + (value.Length == 0 ? "" : mask(value));
        }

        // A nested URL, percent-encoded or not (endpoint=http%3A%2F%2Fu%3Ap%40minio).
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return name + "=" + Replace(value, mask);
        }

        var decoded = Decode(value);
        return decoded != value && decoded.Contains("://", StringComparison.Ordinal) && Replace(decoded, mask) is var redacted && redacted != decoded
            ? name + "=" + Uri.EscapeDataString(redacted)
            : parameter;
    }

    /// <summary>Whether a query parameter's value is a credential (or names one, as secret-key= names the key file).</summary>
    public static bool IsSecretParameter(string name)
    {
        var lower = Decode(name).ToLowerInvariant();
        return SecretParameterWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>
    /// Where the userinfo ends (the index of its '@'), or -1. The authority ends at the first '/';
    /// its last '@' ends the userinfo, so a raw '@', '?' or '#' in a password is covered. With no
    /// '@' there, a "user:" followed by what is not a port number is a password with a raw '/' in
    /// it, which ends at the next '@' (before any nested URL).
    /// </summary>
    private static int UserinfoEnd(string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var nested = rest.IndexOf("://", StringComparison.Ordinal);
        var lastAt = authority.LastIndexOf('@');
        if (lastAt >= 0 && (nested < 0 || lastAt < nested))
        {
            return lastAt;
        }

        if (slash < 0 || authority.StartsWith('['))
        {
            return -1;
        }

        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || authority[(colon + 1)..].All(char.IsAsciiDigit) || authority.Contains('?') || authority.Contains('#'))
        {
            return -1;
        }

        var at = rest.IndexOf('@', slash);
        return at >= 0 && (nested < 0 || at < nested) ? at : -1;
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    /// <summary>Nix's `access-tokens = host=token host=token` setting, up to the end of the line or a quote.</summary>
    [GeneratedRegex(@"(?<head>access-tokens\s*=?\s*)(?<tokens>[^'""`\r\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex AccessTokensPattern();

    [GeneratedRegex(@"(?<host>[^\s=]+)=(?<token>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex AccessTokenPattern();

    /// <summary>user:password@host standing alone (not after "//", which the URL pattern handles).</summary>
    [GeneratedRegex(@"(?<![\w/.:%~+*-])(?<user>[\w.~%+-]+):(?<password>[^\s'""`<>@/]+)@(?=[\w\[])", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorityPattern();

    /// <summary>scheme://... up to white space, a quote or an angle bracket (how messages delimit URLs).</summary>
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<rest>[^\s'""`<>]*)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
