using System.Text;
using CrossSdk.Host;
using CrossSdk.Nix.Commands;

namespace CrossSdk.Doctor;

/// <summary>The text `dotnet build -t:CrossDoctor` prints. Pure.</summary>
internal static class DoctorReport
{
    public static string Format(Diagnosis d, string machineRid)
    {
        var sb = new StringBuilder();
        var problems = new List<string>();
        sb.AppendLine($"CrossSdk {d.Request.CrossSdkVersion} doctor for {d.Request.ProjectName}");
        sb.AppendLine($"  machine      {machineRid}");

        if (d.Host is { } host)
        {
            var nix = host.Nix;
            sb.AppendLine($"  nix          {nix.VersionText} (needs >= {NixVersion.Minimum})");
            sb.AppendLine($"  system       {nix.System}; extra-platforms: {Join(nix.ExtraPlatforms)}");
            sb.AppendLine($"  sandbox      {nix.Sandbox}; trusted: {(nix.Trusted ? "yes" : "no")}; builders: {(nix.Builders.Length == 0 ? "(none)" : nix.Builders)}");
            if (!nix.Trusted)
            {
                problems.Add("Nix does not trust this user: CrossSdk cannot add extra-platforms for emulated builds. Fix: add the user to trusted-users, or list the systems in extra-platforms of the daemon's nix.conf; then restart the daemon (systemctl restart nix-daemon).");
            }

            FormatBinfmt(sb, host, problems);
        }
        else
        {
            sb.AppendLine($"  nix          not usable: {d.HostError?.Message}");
            problems.Add($"{d.HostError?.Code}: {d.HostError?.Message}");
        }

        FormatStores(sb, d, problems);
        sb.AppendLine($"  nixpkgs      {(d.Prepared?.Nixpkgs.Description ?? "not found")}");
        if (d.PrepareError is { } prepareError)
        {
            problems.Add($"{prepareError.Code}: {prepareError.Message}");
        }

        sb.AppendLine("  targets");
        foreach (var t in d.Targets)
        {
            if (t.Plan is { } plan)
            {
                sb.AppendLine($"    {plan.Describe()}");
            }
            else
            {
                sb.AppendLine($"    {t.Target.NixSystem}: no plan: {t.Error?.Message}");
                if (t.Error is { } error && !problems.Contains($"{error.Code}: {error.Message}"))
                {
                    problems.Add($"{error.Code}: {error.Message}");
                }
            }

            if (d.Prepared is { } prepared)
            {
                if (prepared.TargetNixpkgs.TryGetValue(t.Target.Rid, out var own))
                {
                    sb.AppendLine($"      nixpkgs: {own.Description} (its own)");
                }

                if (prepared.TargetGlibc.TryGetValue(t.Target.Rid, out var glibc))
                {
                    sb.AppendLine($"      glibc: at most {glibc} (CrossGlibc; every shipped file is checked after the build)");
                }
            }

            if (t.Emulation is { Possible: false, Direct: false } emulation)
            {
                sb.AppendLine($"      emulation: not possible: {emulation.Blocker}");
            }
            else if (t.Emulation is { Handler: { } handler })
            {
                sb.AppendLine($"      emulation: {handler.Name} ({handler.Interpreter})");
            }
        }

        FormatWine(sb, d, problems);
        sb.AppendLine(problems.Count == 0 ? "  problems     none" : "  problems");
        foreach (var problem in problems)
        {
            sb.AppendLine($"    - {problem}");
        }

        return sb.ToString().TrimEnd();
    }

    private static void FormatBinfmt(StringBuilder sb, HostCapabilities host, List<string> problems)
    {
        if (!host.Binfmt.Mounted)
        {
            sb.AppendLine($"  binfmt_misc  not mounted at {host.Binfmt.Folder}");
            problems.Add($"binfmt_misc is not mounted, so no emulated build can run. Fix: mount -t binfmt_misc binfmt_misc {BinfmtProbe.DefaultFolder} (Debian/Ubuntu: systemctl start proc-sys-fs-binfmt_misc.mount; NixOS: boot.binfmt.emulatedSystems).");
            return;
        }

        sb.AppendLine($"  binfmt_misc  {host.Binfmt.Folder}: {host.Binfmt.Handlers.Count} handler(s)");
        foreach (var handler in host.Binfmt.Handlers)
        {
            var serves = Platforms.PlatformCatalog.All.Where(handler.Matches).Select(t => t.NixSystem).Distinct().ToList();
            sb.AppendLine($"    {handler.Name,-18} {(handler.Enabled ? "enabled " : "disabled")} flags {(handler.Flags.Length == 0 ? "-" : handler.Flags),-4} {handler.Interpreter}  serves {Join(serves)}");
            if (handler.Enabled && serves.Count > 0 && !handler.FixBinary)
            {
                problems.Add($"{handler.Name} has no F (fix binary) flag: it fails inside the Nix sandbox and containers. Fix: register it with the F flag (Debian: qemu-user-static does; NixOS: boot.binfmt.emulatedSystems does).");
            }
        }
    }

    /// <summary>
    /// Wine: the loader `dotnet run` starts for win-x64 and its version, and for each Windows RID
    /// the prefix a run uses or the CROSS0104/0105 it fails with. A Windows target of this
    /// project that cannot run here is a problem (its build still works).
    /// </summary>
    private static void FormatWine(StringBuilder sb, Diagnosis d, List<string> problems)
    {
        if (d.Wine is not { } wine)
        {
            return;
        }

        sb.AppendLine(wine.Loader is { } loader
            ? $"  wine         {loader}: {wine.Version ?? "(no answer to --version)"}"
            : $"  wine         not found: {wine.LoaderError?.Code}");
        foreach (var t in wine.Targets)
        {
            sb.AppendLine(t.Error is { } error
                ? $"    {t.Rid,-10} cannot run here: {error.Code}: {error.Message}"
                : $"    {t.Rid,-10} runs under Wine; prefix {t.Prefix}");
            if (t.Error is { } problem && d.Targets.Any(target => target.Target.Rid == t.Rid) && !problems.Contains($"{problem.Code}: {problem.Message}"))
            {
                problems.Add($"{problem.Code}: {problem.Message}");
            }
        }
    }

    /// <summary>Remote builders and binary caches, whether each answered, and what Nix will ignore or not use.</summary>
    private static void FormatStores(StringBuilder sb, Diagnosis d, List<string> problems)
    {
        sb.AppendLine(d.Builders.Count == 0 ? "  builders     (none)" : $"  builders     {d.Builders.Count}");
        foreach (var b in d.Builders)
        {
            sb.AppendLine($"    {b.Uri}  {b.Detail}; {(b.Error is null ? "answers" : "does not answer: " + b.Error)}");
            if (b.Error is not null)
            {
                problems.Add($"the remote builder {b.Uri} does not answer ({b.Error}): Nix builds locally what it would have built there. Fix: check `nix store ping --store {b.Uri}` (ssh key, host, NIX_SSHOPTS).");
            }
        }

        sb.AppendLine(d.Caches.Count == 0 ? "  caches       (none)" : $"  caches       {d.Caches.Count}");
        foreach (var c in d.Caches)
        {
            sb.AppendLine($"    {c.Uri}  {(c.Error is null ? "answers" : "does not answer: " + c.Error)}");
            if (c.Error is not null)
            {
                problems.Add($"the binary cache {c.Uri} does not answer ({c.Error}): its paths will be built instead of fetched.");
            }
        }

        foreach (var (code, message) in d.Host?.ScaleOutFindings ?? [])
        {
            problems.Add($"{code}: {message}");
        }
    }

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "(none)" : string.Join(" ", list);
    }
}
