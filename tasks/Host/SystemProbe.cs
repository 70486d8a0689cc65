using System.Globalization;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Failures;
using CrossSdk.Nix.Log;
using CrossSdk.Tools;

namespace CrossSdk.Host;

/// <summary>
/// Asks Nix whether it will build a system, by a tiny uncached test build. A Nix daemon ignores an
/// untrusted user's extra-platforms (silently before 2.22), so what `nix show-config` prints is
/// not proof: only a build is. The builder is /bin/sh of the build machine; whether it can run
/// does not matter, only whether Nix refuses the system before trying.
/// The probe asks as the build will, with the system in extra-platforms (the user's options come
/// after, so they win): a daemon that trusts the user in a way the client cannot see (a group in
/// trusted-users, settings on the daemon's command line) honours it and accepts the system.
/// </summary>
internal sealed class SystemProbe(IToolRunner runner)
{
    public static IReadOnlyList<string> Arguments(string system, string nonce, IReadOnlyList<string> extraOptions) =>
    [
        .. NixCommandLine.Common(), "build", "--no-link", "--log-format", "internal-json", "--option", "extra-platforms", system, .. extraOptions, "--expr",
        $"derivation {{ name = \"crosssdk-system-probe\"; system = {NixString.Quote(system)}; builder = \"/bin/sh\"; args = [ \"-c\" \"echo > $out\" ]; nonce = {NixString.Quote(nonce)}; }}",
    ];

    /// <summary>True when Nix accepted the system (whatever became of the build), false when it refused it.</summary>
    public async Task<bool> AcceptsAsync(string system, IReadOnlyList<string> extraOptions, CancellationToken cancellation)
    {
        var processor = new NixLogProcessor(Diagnostics.NullCrossLog.Instance);
        var nonce = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var result = await runner.RunAsync(Arguments(system, nonce, extraOptions), processor.Feed, cancellation).ConfigureAwait(false);
        return result.ExitCode == 0 || !NixFailure.IsSystemRefusal(processor.Errors);
    }
}
