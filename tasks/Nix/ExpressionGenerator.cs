using System.Text;
using CrossSdk.Planning;

namespace CrossSdk.Nix;

/// <summary>One attribute of the generated file that `nix build` realises.</summary>
/// <param name="Name">A plain identifier, safe on the command line as an attribute path.</param>
/// <param name="Plan">The target it belongs to; null for a tool of the build machine (patchelf).</param>
/// <param name="Package">The package, or null for the target's toolchain (stdenv.cc, kept as a GC root) and tools.</param>
/// <param name="Output">The derivation output ("out", "lib", ...; "libraries" for an attribute package's default).</param>
public sealed record Installable(string Name, TargetPlan? Plan, PackageSpec? Package, string Output)
{
    public bool IsToolchain => Package is null && Plan is not null && Name.EndsWith("--toolchain", StringComparison.Ordinal);

    public bool IsTool => Plan is null;
}

public sealed record GeneratedExpression(string Text, IReadOnlyList<Installable> Attributes);

/// <summary>
/// Writes the Nix file that `nix build -f` evaluates: one attribute per (target, package, output),
/// each target's stdenv.cc, and tools of the build machine. Pure; every spliced value goes
/// through <see cref="NixString"/>.
/// </summary>
public static class ExpressionGenerator
{
    /// <summary>The attribute of a tool of the build machine (patchelf).</summary>
    public static string ToolAttribute(string tool) => $"tools--{tool}";

    /// <summary>The attribute of a plan's binutils (built with <c>withBintools</c>).</summary>
    public static string BintoolsAttribute(TargetPlan plan) => $"{plan.Key}--bintools";

    public static GeneratedExpression Generate(
        NixpkgsSource nixpkgs,
        string hostSystem,
        IReadOnlyList<TargetPlan> plans,
        IReadOnlyList<PackageSpec> packages,
        string header,
        IReadOnlyList<string>? hostTools = null,
        bool withBintools = false)
    {
        var sb = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            sb.Append("# ").AppendLine(line.TrimEnd());
        }

        sb.AppendLine("let");
        sb.AppendLine($"  nixpkgs = {nixpkgs.ToNix()};");
        // Always name the build machine: nothing may depend on builtins.currentSystem, which pure
        // evaluation does not have and which a remote evaluator may answer differently.
        sb.AppendLine($"  hostPkgs = import nixpkgs {{ localSystem = {{ system = {NixString.Quote(hostSystem)}; }}; }};");
        sb.AppendLine("  # The package set each target is built with.");
        sb.AppendLine("  pkgsFor = {");
        foreach (var plan in plans)
        {
            sb.AppendLine($"    {NixString.AttrName(plan.Key)} = {PkgsExpression(plan, hostSystem)};");
        }

        sb.AppendLine("  };");

        // Overlays apply to a package set of their own, never to pkgsFor: one per distinct
        // (target, overlay list), shared by the packages that use the same list.
        var overlaid = new Dictionary<(string Plan, string Overlays), string>();
        foreach (var plan in plans)
        {
            foreach (var package in packages)
            {
                var overlays = OverlaysFor(plan, package);
                var key = (plan.Key, string.Join("\n", overlays));
                if (overlays.Count > 0 && !overlaid.ContainsKey(key))
                {
                    overlaid[key] = $"{plan.Key}-overlaid-{overlaid.Count(o => o.Key.Plan == plan.Key) + 1}";
                }
            }
        }

        if (overlaid.Count > 0)
        {
            sb.AppendLine("  # Package sets with the CrossOverlay files, for the packages they are scoped to.");
            sb.AppendLine("  overlaid = {");
            foreach (var ((planKey, overlays), name) in overlaid)
            {
                var plan = plans.First(p => p.Key == planKey);
                var list = string.Join(" ", overlays.Split('\n').Select(o => $"(import {NixString.Path(o)})"));
                sb.AppendLine($"    {NixString.AttrName(name)} = {PkgsExpression(plan, hostSystem, $"[ {list} ]")};");
            }

            sb.AppendLine("  };");
        }

        sb.AppendLine("  # The project's packages, each called with its target's package set.");
        sb.AppendLine("  packages = {");
        foreach (var plan in plans)
        {
            sb.AppendLine($"    {NixString.AttrName(plan.Key)} = {{");
            foreach (var package in packages)
            {
                var overlays = OverlaysFor(plan, package);
                var pkgs = overlays.Count == 0
                    ? $"pkgsFor.{NixString.AttrName(plan.Key)}"
                    : $"overlaid.{NixString.AttrName(overlaid[(plan.Key, string.Join("\n", overlays))])}";
                sb.AppendLine($"      {NixString.AttrName(package.Key)} = {PackageExpression(package, pkgs)};");
            }

            sb.AppendLine("    };");
        }

        sb.AppendLine("  };");
        sb.AppendLine("in");
        sb.AppendLine("{");

        var attributes = new List<Installable>();
        foreach (var plan in plans)
        {
            var key = NixString.AttrName(plan.Key);
            var cc = new Installable($"{plan.Key}--toolchain", plan, null, "out");
            attributes.Add(cc);
            sb.AppendLine($"  {cc.Name} = pkgsFor.{key}.stdenv.cc;");
            if (withBintools)
            {
                // The binutils beside the compiler wrapper (objcopy, for NativeAOT).
                var bintools = new Installable(BintoolsAttribute(plan), plan, null, "out");
                attributes.Add(bintools);
                sb.AppendLine($"  {bintools.Name} = (let cc = pkgsFor.{key}.stdenv.cc; in cc.bintools or cc);");
            }
            foreach (var package in packages)
            {
                var built = $"packages.{key}.{NixString.AttrName(package.Key)}";
                foreach (var output in package.Outputs)
                {
                    var attribute = new Installable($"{plan.Key}--{package.Key}--{output}", plan, package, output);
                    attributes.Add(attribute);
                    // "libraries": where the package keeps its shared libraries (nixpkgs' lib.getLib).
                    var selected = output == PackageSpec.LibrariesOutput
                        ? $"(let p = {built}; in p.lib or p.out or p)"
                        : $"{built}.{NixString.AttrName(output)}";
                    sb.AppendLine($"  {attribute.Name} = {selected};");
                }
            }
        }

        foreach (var tool in hostTools ?? [])
        {
            var attribute = new Installable(ToolAttribute(tool), null, null, "out");
            attributes.Add(attribute);
            sb.AppendLine($"  {attribute.Name} = {NixString.Select("hostPkgs", [tool])};");
        }

        sb.AppendLine("}");
        return new GeneratedExpression(sb.ToString(), attributes);
    }

    /// <summary>
    /// The pkgs instance for a plan: cross uses the host's pkgsCross (or, for a triple nixpkgs has
    /// no pkgsCross name for, crossSystem = { config }); emulated (and native for a system the
    /// host runs directly, like i686 on x86_64) evaluates nixpkgs for the target system, so Nix
    /// builds with the target's own compiler. The Nix system never names the libc: a musl build
    /// is pkgsMusl of that set. With overlays, always a new import of its own.
    /// </summary>
    public static string PkgsExpression(TargetPlan plan, string hostSystem, string? overlays = null)
    {
        var musl = plan.Target.IsMusl ? ".pkgsMusl" : "";
        var withOverlays = overlays is null ? "" : $" overlays = {overlays};";
        var host = $"localSystem = {{ system = {NixString.Quote(hostSystem)}; }};";
        return plan.Strategy switch
        {
            Strategy.Cross when overlays is null && plan.Target.PkgsCross is { } name => $"hostPkgs.pkgsCross.{NixString.AttrName(name)}",
            Strategy.Cross when plan.Target.PkgsCross is { } name =>
                $"import nixpkgs {{ {host} crossSystem = hostPkgs.lib.systems.examples.{NixString.AttrName(name)};{withOverlays} }}",
            Strategy.Cross => $"import nixpkgs {{ {host} crossSystem = {{ config = {NixString.Quote(plan.Target.Config)}; }};{withOverlays} }}",
            Strategy.Native when plan.Target.NixSystem == hostSystem && overlays is null => "hostPkgs" + musl,
            Strategy.Native when plan.Target.NixSystem == hostSystem => $"(import nixpkgs {{ {host}{withOverlays} }}){musl}",
            Strategy.Native or Strategy.Emulated =>
                $"(import nixpkgs {{ localSystem = {{ system = {NixString.Quote(plan.Target.NixSystem)}; }};{withOverlays} }}){musl}",
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Strategy, "The planner resolves Auto before generation."),
        };
    }

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
