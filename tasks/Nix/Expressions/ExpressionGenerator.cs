using System.Text;
using CrossSdk.Planning;

namespace CrossSdk.Nix.Expressions;

/// <summary>
/// Writes the Nix file that `nix build -f` evaluates: one attribute per (target, package, output),
/// each target's stdenv.cc, and tools of the build machine. Pure; every spliced value goes
/// through <see cref="NixString"/>.
/// </summary>
internal static class ExpressionGenerator
{
    public static GeneratedExpression Generate(ExpressionSpec spec)
    {
        var sb = new StringBuilder();
        foreach (var line in spec.Header.Split('\n'))
        {
            sb.Append("# ").AppendLine(CommentText(line));
        }

        sb.AppendLine("let");
        var setOf = WriteNixpkgs(sb, spec);
        string SetFor(TargetPlan plan) => setOf.GetValueOrDefault(plan.Target.Rid) ?? "";
        sb.AppendLine("  # The package set each target is built with.");
        sb.AppendLine("  pkgsFor = {");
        foreach (var plan in spec.Plans)
        {
            sb.AppendLine($"    {NixString.AttrName(plan.Key.Name)} = {PkgsExpression(plan, spec.HostSystem, set: SetFor(plan))};");
        }

        sb.AppendLine("  };");
        var overlaid = WriteOverlaid(sb, spec, SetFor);
        sb.AppendLine("  # The project's packages, each called with its target's package set.");
        sb.AppendLine("  packages = {");
        foreach (var plan in spec.Plans)
        {
            sb.AppendLine($"    {NixString.AttrName(plan.Key.Name)} = {{");
            foreach (var package in spec.Packages)
            {
                var overlays = OverlaysFor(plan, package);
                var pkgs = overlays.Count == 0
                    ? $"pkgsFor.{NixString.AttrName(plan.Key.Name)}"
                    : $"overlaid.{NixString.AttrName(overlaid[(plan.Key, OverlayKey(overlays))])}";
                sb.AppendLine($"      {NixString.AttrName(package.Key)} = {PackageExpression(package, pkgs)};");
            }

            sb.AppendLine("    };");
        }

        sb.AppendLine("  };");
        sb.AppendLine("in");
        sb.AppendLine("{");
        var attributes = WriteAttributes(sb, spec);
        sb.AppendLine("}");
        return new GeneratedExpression(sb.ToString(), attributes);
    }

    /// <summary>
    /// The project's nixpkgs and its host package set; then the targets with a nixpkgs of their own
    /// (CrossTarget Nixpkgs): each distinct one imported once, as nixpkgs2, nixpkgs3, ... with its
    /// own hostPkgs; one evaluation still covers all. Returns each such target's suffix, by RID.
    /// </summary>
    private static Dictionary<string, string> WriteNixpkgs(StringBuilder sb, ExpressionSpec spec)
    {
        sb.AppendLine($"  nixpkgs = {spec.Nixpkgs.ToNix()};");
        // Always name the build machine: nothing may depend on builtins.currentSystem, which pure
        // evaluation does not have and which a remote evaluator may answer differently.
        sb.AppendLine($"  hostPkgs = import nixpkgs {{ localSystem = {{ system = {NixString.Quote(spec.HostSystem)}; }}; }};");
        var sets = new List<string> { spec.Nixpkgs.ToNix() };
        var setOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plan in spec.Plans)
        {
            if (spec.TargetNixpkgs.GetValueOrDefault(plan.Target.Rid)?.ToNix() is not { } own)
            {
                continue;
            }

            if (!sets.Contains(own))
            {
                sets.Add(own);
                sb.AppendLine($"  nixpkgs{sets.Count} = {own};");
                sb.AppendLine($"  hostPkgs{sets.Count} = import nixpkgs{sets.Count} {{ localSystem = {{ system = {NixString.Quote(spec.HostSystem)}; }}; }};");
            }

            var index = sets.IndexOf(own);
            setOf[plan.Target.Rid] = index == 0 ? "" : (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return setOf;
    }

    /// <summary>
    /// Overlays apply to a package set of their own, never to pkgsFor: one per distinct
    /// (target, overlay list), shared by the packages that use the same list. The list is keyed
    /// by its files joined with NUL, the one character no path can hold.
    /// </summary>
    private static Dictionary<(PlanKey Plan, string Overlays), string> WriteOverlaid(StringBuilder sb, ExpressionSpec spec, Func<TargetPlan, string> setFor)
    {
        var overlaid = new Dictionary<(PlanKey Plan, string Overlays), string>();
        foreach (var plan in spec.Plans)
        {
            foreach (var package in spec.Packages)
            {
                var overlays = OverlaysFor(plan, package);
                var key = (plan.Key, OverlayKey(overlays));
                if (overlays.Count > 0 && !overlaid.ContainsKey(key))
                {
                    overlaid[key] = $"{plan.Key.Name}-overlaid-{overlaid.Count(o => o.Key.Plan == plan.Key) + 1}";
                }
            }
        }

        if (overlaid.Count > 0)
        {
            sb.AppendLine("  # Package sets with the CrossOverlay files, for the packages they are scoped to.");
            sb.AppendLine("  overlaid = {");
            foreach (var ((planKey, overlays), name) in overlaid)
            {
                var plan = spec.Plans.First(p => p.Key == planKey);
                var list = string.Join(" ", overlays.Split('\0').Select(o => $"(import {NixString.Path(o)})"));
                sb.AppendLine($"    {NixString.AttrName(name)} = {PkgsExpression(plan, spec.HostSystem, $"[ {list} ]", setFor(plan))};");
            }

            sb.AppendLine("  };");
        }

        return overlaid;
    }

    /// <summary>The file's attributes: each target's toolchain (and binutils, runtime DLLs, runtime root), its packages' outputs, then the host tools.</summary>
    private static List<Installable> WriteAttributes(StringBuilder sb, ExpressionSpec spec)
    {
        var attributes = new List<Installable>();
        var names = new AttributeNames();
        foreach (var plan in spec.Plans)
        {
            var key = NixString.AttrName(plan.Key.Name);
            var cc = new Installable(names.Make(plan.Key.Name, "toolchain"), plan, null, "out", InstallableRole.Toolchain);
            attributes.Add(cc);
            sb.AppendLine($"  {NixString.AttrName(cc.Name)} = pkgsFor.{key}.stdenv.cc;");
            if (spec.WithBintools)
            {
                // The binutils beside the compiler wrapper (objcopy, for NativeAOT).
                var bintools = new Installable(names.Make(plan.Key.Name, "bintools"), plan, null, "out", InstallableRole.Bintools);
                attributes.Add(bintools);
                sb.AppendLine($"  {NixString.AttrName(bintools.Name)} = (let cc = pkgsFor.{key}.stdenv.cc; in cc.bintools or cc);");
            }
            if (plan.Target.IsWindows)
            {
                var dlls = new Installable(names.Make(plan.Key.Name, "runtime-dlls"), plan, null, "out", InstallableRole.RuntimeDlls);
                attributes.Add(dlls);
                sb.AppendLine($"  {NixString.AttrName(dlls.Name)} = {RuntimeDllsExpression(plan, key)};");
            }

            // A Windows app under Wine brings its runtime (self-contained) and uses Windows' own C runtime: no root.
            if (spec.RuntimeRoot is { } runtimeRoot && plan.Target.Rid == runtimeRoot.Rid && !plan.Target.IsWindows)
            {
                var root = new Installable(names.Make(plan.Key.Name, "runtime-root"), plan, null, "out", InstallableRole.RuntimeRoot);
                attributes.Add(root);
                sb.AppendLine($"  {NixString.AttrName(root.Name)} = {RuntimeRootExpression(plan, key, runtimeRoot.Icu)};");
            }

            foreach (var package in spec.Packages)
            {
                var built = $"packages.{key}.{NixString.AttrName(package.Key)}";
                foreach (var output in package.Outputs)
                {
                    var attribute = new Installable(names.Make(plan.Key.Name, package.Key, output), plan, package, output);
                    attributes.Add(attribute);
                    // "libraries": where the package keeps its shared libraries (nixpkgs' lib.getLib).
                    var selected = output == PackageSpec.LibrariesOutput
                        ? $"(let p = {built}; in p.lib or p.out or p)"
                        : $"{built}.{NixString.AttrName(output)}";
                    sb.AppendLine($"  {NixString.AttrName(attribute.Name)} = {selected};");
                }
            }
        }

        foreach (var tool in spec.HostTools)
        {
            var attribute = new Installable(names.Make("tools", tool), null, null, "out", InstallableRole.Tool) { Tool = tool };
            attributes.Add(attribute);
            sb.AppendLine($"  {NixString.AttrName(attribute.Name)} = {NixString.Select("hostPkgs", [tool])};");
        }

        return attributes;
    }

    /// <summary>
    /// The pkgs instance for a plan: cross uses the host's pkgsCross (or, for a triple nixpkgs has
    /// no pkgsCross name for, crossSystem = { config }); emulated (and native for a system the
    /// host runs directly, like i686 on x86_64) evaluates nixpkgs for the target system, so Nix
    /// builds with the target's own compiler. The Nix system never names the libc: a musl build
    /// is pkgsMusl of that set. With overlays, always a new import of its own.
    /// </summary>
    /// <param name="set">Which nixpkgs: "" the project's (nixpkgs, hostPkgs), "2" for nixpkgs2 and hostPkgs2, ...</param>
    public static string PkgsExpression(TargetPlan plan, string hostSystem, string? overlays = null, string set = "")
    {
        var hostPkgs = "hostPkgs" + set;
        var nixpkgs = "nixpkgs" + set;
        // A missing attribute is not a `throw`: builtins.tryEval does not catch it, and one
        // impossible candidate of `auto` (a nixpkgs with no pkgsMusl) would fail the whole
        // evaluation. So every attribute a candidate reaches falls back to a throw.
        string Musl(string pkgs) => plan.Target.IsMusl
            ? $"({pkgs}.pkgsMusl or (throw {NixString.Quote($"this nixpkgs has no pkgsMusl (needed for {plan.Target.Rid})")}))"
            : pkgs;
        var withOverlays = overlays is null ? "" : $" overlays = {overlays};";
        var host = $"localSystem = {{ system = {NixString.Quote(hostSystem)}; }};";
        return plan.Strategy switch
        {
            // `or (throw ...)`: a nixpkgs without that name is a `throw`, which the one evaluation's
            // tryEval catches for auto's candidates (a missing attribute would fail it whole).
            Strategy.Cross when overlays is null && plan.Target.PkgsCross is { } name =>
                $"({hostPkgs}.pkgsCross.{NixString.AttrName(name)} or (throw {NixString.Quote($"this nixpkgs has no pkgsCross.{name}")}))",
            Strategy.Cross when plan.Target.PkgsCross is { } name =>
                $"import {nixpkgs} {{ {host} crossSystem = {hostPkgs}.lib.systems.examples.{NixString.AttrName(name)} or (throw {NixString.Quote($"this nixpkgs has no lib.systems.examples.{name}")});{withOverlays} }}",
            Strategy.Cross => $"import {nixpkgs} {{ {host} crossSystem = {{ config = {NixString.Quote(plan.Target.Config)}; }};{withOverlays} }}",
            Strategy.Native when plan.Target.NixSystem == hostSystem && overlays is null => Musl(hostPkgs),
            Strategy.Native when plan.Target.NixSystem == hostSystem => Musl($"(import {nixpkgs} {{ {host}{withOverlays} }})"),
            Strategy.Native or Strategy.Emulated =>
                Musl($"(import {nixpkgs} {{ localSystem = {{ system = {NixString.Quote(plan.Target.NixSystem)}; }};{withOverlays} }})"),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Strategy, "The planner resolves Auto before generation."),
        };
    }

    /// <summary>
    /// The runtime root of a target: one folder whose lib/ links the target's C library
    /// (stdenv.cc.libc: glibc or musl, with the dynamic loader), gcc's runtime libraries
    /// (stdenv.cc.cc.lib: libgcc_s, libstdc++; a cross gcc keeps them under &lt;targetConfig&gt;/lib) and,
    /// unless the app is invariant, ICU, all from the package set the packages are built with.
    /// Made by the build machine (it only links files); the links keep the libraries alive.
    /// </summary>
    private static string RuntimeRootExpression(TargetPlan plan, string key, bool icu)
    {
        var name = NixString.Quote($"crosssdk-runtime-root-{plan.Target.Rid}");
        var icuPart = icu ? " ++ [ (p.icu.out or p.icu) ]" : "";
        const string Script = """
                mkdir -p $out/lib
                for p in $libs; do
                  for d in "$p/lib" "$p/$targetConfig/lib"; do
                    if [ -d "$d" ]; then for f in "$d"/*; do ln -sf "$f" "$out/lib/"; done; fi
                  done
                done
            """;
        return $"(let p = pkgsFor.{key}; cc = p.stdenv.cc; in hostPkgs.runCommand {name} {{ " +
            $"libs = [ (cc.libc.out or cc.libc) (let c = cc.cc; in c.lib or c) ]{icuPart}; " +
            "targetConfig = p.stdenv.hostPlatform.config; } ''\n" + Script + "\n  '')";
    }

    /// <summary>
    /// The DLLs a Windows target's toolchain links into what it builds, in one bin/ folder: MinGW
    /// gcc's libgcc_s_*.dll and libstdc++-6.dll (stdenv.cc.cc.lib, under &lt;targetConfig&gt;/lib in
    /// nixpkgs' gcc), the C library's (stdenv.cc.libc) and the thread library's (nixpkgs:
    /// windows.mcfgthreads, or winpthreads as windows.pthreads / windows.mingw_w64_pthreads), each
    /// where this nixpkgs has it. A DLL has no RUNPATH and Nix sees no reference from it, so a
    /// shipped DLL's imports are looked up here (and in its own output's bin/, where nixpkgs'
    /// win-dll-link hook links its dependencies' DLLs). Made by the build machine: it only links.
    /// </summary>
    private static string RuntimeDllsExpression(TargetPlan plan, string key)
    {
        var name = NixString.Quote($"crosssdk-runtime-dlls-{plan.Target.Rid}");
        const string Script = """
                mkdir -p $out/bin
                for p in $libs; do
                  for d in "$p/bin" "$p/lib" "$p/$targetConfig/bin" "$p/$targetConfig/lib"; do
                    if [ -d "$d" ]; then for f in "$d"/*.dll "$d"/*.DLL; do if [ -e "$f" ]; then ln -sf "$f" "$out/bin/"; fi; done; fi
                  done
                done
            """;
        return $"(let p = pkgsFor.{key}; cc = p.stdenv.cc; w = p.windows or {{ }}; in hostPkgs.runCommand {name} {{ " +
            "libs = builtins.filter (x: x != null) [ (cc.libc.out or cc.libc or null) (let c = cc.cc or null; in if c == null then null else c.lib or c) " +
            "(w.mcfgthreads or null) (w.pthreads or null) (w.mingw_w64_pthreads or null) ]; " +
            "targetConfig = p.stdenv.hostPlatform.config; } ''\n" + Script + "\n  '')";
    }

    /// <summary>
    /// A header line as comment text: a Nix comment ends at a line break, and Nix's lexer takes
    /// '\r' for one too, so control characters (from a project name, say) become spaces.
    /// </summary>
    private static string CommentText(string line) =>
        new string(line.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).TrimEnd();

    private static string OverlayKey(IEnumerable<string> files) => string.Join('\0', files);

    private static List<string> OverlaysFor(TargetPlan plan, PackageSpec package) =>
        package.Overlays.Where(o => o.AppliesTo(plan.Target)).Select(o => o.File).ToList();

    /// <summary>A package called with a package set; a compiler swap passes that set's &lt;compiler&gt;Stdenv.</summary>
    private static string PackageExpression(PackageSpec package, string pkgs)
    {
        var stdenv = package.Compiler is { } compiler ? $"{pkgs}.{NixString.AttrName(compiler + "Stdenv")}" : null;
        return package.Kind switch
        {
            PackageKind.File => $"{pkgs}.callPackage {NixString.Path(package.Source)} {{ {(stdenv is null ? "" : $"stdenv = {stdenv}; ")}}}",
            PackageKind.Attribute when stdenv is null => NixString.Select(pkgs, package.Source.Split('.')),
            PackageKind.Attribute =>
                $"(let p = {NixString.Select(pkgs, package.Source.Split('.'))}; in if p ? override then p.override {{ stdenv = {stdenv}; }} else p)",
            _ => throw new ArgumentOutOfRangeException(nameof(package)),
        };
    }
}
