using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

[TestClass]
public sealed class SecretsTests
{
    [TestMethod]
    // A password: masked, the user name kept.
    [DataRow("https://user:S3cr3tPW@host/", "https://user:***@host/")]
    [DataRow("http://user:S3cr3tPW@host:8080/nix-cache?priority=30", "http://user:***@host:8080/nix-cache?priority=30")]
    [DataRow("ssh://builder:S3cr3tPW@host", "ssh://builder:***@host")]
    // A user name alone: a login in ssh URLs, how tokens are passed elsewhere.
    [DataRow("ssh://user@host", "ssh://user@host")]
    [DataRow("ssh-ng://nix@10.0.0.2 aarch64-linux /root/.ssh/id 4 1 big-parallel", "ssh-ng://nix@10.0.0.2 aarch64-linux /root/.ssh/id 4 1 big-parallel")]
    [DataRow("https://ghp_S3cr3tPW@github.com/o/r", "https://***@github.com/o/r")]
    [DataRow("git+https://x-access-token:S3cr3tPW@github.com/o/nixpkgs", "git+https://x-access-token:***@github.com/o/nixpkgs")]
    // Query parameters that hold or name a secret.
    [DataRow("s3://bucket?region=eu-west-1&secret-key=/keys/cache.sk", "s3://bucket?region=eu-west-1&secret-key=***")]
    [DataRow("file:///d?secret-key=/path/to/key&compression=xz", "file:///d?secret-key=***&compression=xz")]
    [DataRow("https://host/nixpkgs.tar.gz?X-Amz-Credential=AKIA&X-Amz-Signature=S3cr3tPW#frag", "https://host/nixpkgs.tar.gz?X-Amz-Credential=***&X-Amz-Signature=***#frag")]
    [DataRow("https://blob/c?sv=2020&sig=S3cr3tPW", "https://blob/c?sv=2020&sig=***")]
    [DataRow("https://h/x?access_token=S3cr3tPW&apiKey=S3cr3tPW&password=S3cr3tPW", "https://h/x?access_token=***&apiKey=***&password=***")]
    // Encoded and unencoded special characters in a password.
    [DataRow("https://user:S3cr%40t%2FPW@host/", "https://user:***@host/")]
    [DataRow("https://user:S3cr@tPW@host/", "https://user:***@host/")]
    [DataRow("https://user:S3c#r?tPW@host/", "https://user:***@host/")]
    [DataRow("https://user:S3c/r3tPW@host/", "https://user:***@host/")]
    // A URL nested in a parameter.
    [DataRow("s3://bucket?endpoint=http://minio:S3cr3tPW@localhost:9000", "s3://bucket?endpoint=http://minio:***@localhost:9000")]
    public void Masks_the_credentials_of_a_URL(string url, string expected) =>
        Assert.AreEqual(expected, Secrets.Redact(url));

    [TestMethod]
    [DataRow("https://cache.nixos.org/")]
    [DataRow("https://host:8443/@scope/pkg")]
    [DataRow("https://registry/path/@scope/pkg?version=1")]
    [DataRow("file:///tmp/cache?compression=none&parallel-compression=true")]
    [DataRow("ssh://[::1]:2222")]
    [DataRow("github:NixOS/nixpkgs/nixos-24.05")]
    [DataRow("path:/home/me/nixpkgs")]
    [DataRow("cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=")]
    [DataRow("git@github.com:NixOS/nixpkgs.git")]
    [DataRow("cannot connect to 'builder@127.0.0.1'")]
    [DataRow("at 10:30 on /nix/store/abc-greet@1")]
    public void Leaves_text_without_credentials_as_it_is(string text) =>
        Assert.AreEqual(text, Secrets.Redact(text));

    [TestMethod]
    public void Finds_URLs_inside_the_texts_Nix_prints()
    {
        var warnings = new[]
        {
            "warning: error: unable to download 'https://user:S3cr3tPW@host/nix-cache-info': HTTP error 401; retrying in 283 ms",
            "warning: ignoring substitute for '/nix/store/abc-greet' from 'https://user:S3cr3tPW@host', as it's not signed by any of the keys in 'trusted-public-keys'",
            "error: cannot connect to 'ssh://builder:S3cr3tPW@127.0.0.1:1'",
            "copying path '/nix/store/x' to 'file:///tmp/c?secret-key=/keys/a%26compression%3Dnone'...",
            "(\"https://user:S3cr3tPW@host\")",
            "substituters = https://user:S3cr3tPW@host/ https://ghp_S3cr3tPW@cache.example/",
            "does not answer: cannot connect to 'builder:S3cr3tPW@127.0.0.1:9'",
            "error: illegal configuration line 'access-tokens github.com=S3cr3tPW gitlab.com=PAT:S3cr3tPW' in 'NIX_CONFIG'",
        };

        foreach (var text in warnings)
        {
            var redacted = Secrets.Redact(text);
            Assert.IsFalse(redacted.Contains("S3cr3tPW", StringComparison.Ordinal), redacted);
            Assert.IsFalse(redacted.Contains("/keys/a", StringComparison.Ordinal), redacted);
            StringAssert.Contains(redacted, Secrets.Mask);
        }

        Assert.AreEqual(
            "cannot connect to 'builder:***@127.0.0.1:9'",
            Secrets.Redact("cannot connect to 'builder:S3cr3tPW@127.0.0.1:9'"));
        Assert.AreEqual(
            "access-tokens = github.com=*** gitlab.com=***",
            Secrets.Redact("access-tokens = github.com=S3cr3tPW gitlab.com=PAT:S3cr3tPW"));
        Assert.AreEqual(
            "warning: unable to download 'https://user:***@host/nix-cache-info': HTTP error 401",
            Secrets.Redact("warning: unable to download 'https://user:S3cr3tPW@host/nix-cache-info': HTTP error 401"));
    }

    [TestMethod]
    public void A_key_holds_a_hash_that_changes_with_the_password_and_never_the_password()
    {
        var a = Secrets.ForKey("nix-option --extra-substituters https://user:S3cr3tPW@host/");
        var b = Secrets.ForKey("nix-option --extra-substituters https://user:OtherPW@host/");

        Assert.IsFalse(a.Contains("S3cr3tPW", StringComparison.Ordinal), a);
        StringAssert.StartsWith(a, "nix-option --extra-substituters https://user:***pbkdf2:");
        Assert.AreNotEqual(a, b, "a changed password changes the key");
        Assert.AreEqual(a, Secrets.ForKey("nix-option --extra-substituters https://user:S3cr3tPW@host/"), "the key is stable");
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task A_flake_reference_with_a_credential_reaches_Nix_through_the_environment_and_not_the_generated_file()
    {
        const string reference = "git+https://x-access-token:S3cr3tPW@example.org/o/nixpkgs.git?ref=main";

        var nix = FlakeReferences.ToNix(reference);

        Assert.IsFalse(nix.Contains("S3cr3tPW", StringComparison.Ordinal), nix);
        StringAssert.StartsWith(nix, "(builtins.getFlake (builtins.getEnv \"CROSSSDK_CREDENTIAL_");
        // The real Nix reads the reference back whole from the variable CrossSdk set (nix inherits it).
        var literal = nix["(builtins.getFlake ".Length..^").outPath".Length];
        Assert.AreEqual(reference, JsonSerializer.Deserialize<string>(await Processes.NixEvalJsonAsync(literal)));
        Assert.AreEqual("(builtins.getFlake \"git+https://example.org/n.git\").outPath", FlakeReferences.ToNix("git+https://example.org/n.git"), "no credential: written as it is");
    }

    [TestMethod]
    public void Knows_which_query_parameters_hold_secrets()
    {
        foreach (var name in new[] { "secret-key", "ssh-key", "token", "X-Amz-Security-Token", "aws_secret_access_key", "sig", "password", "auth" })
        {
            Assert.IsTrue(Secrets.IsSecretParameter(name), name);
        }

        foreach (var name in new[] { "compression", "priority", "region", "endpoint", "profile", "want-mass-query", "scheme" })
        {
            Assert.IsFalse(Secrets.IsSecretParameter(name), name);
        }
    }
}
