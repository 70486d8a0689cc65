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
    public bool IsToolchain => Package is null && Plan is not null;

    public bool IsTool => Plan is null;
}

public sealed record GeneratedExpression(string Text, IReadOnlyList<Installable> Attributes);

/// <summary>
/// Writes the Nix file that `nix build -f` evaluates: one attribute per (target, package, output),
/// plus each target's stdenv.cc. Pure; every spliced value goes through <see cref="NixString"/>.
/// </summary>
public static class ExpressionGenerator
{
    public static GeneratedExpression Generate(
        NixpkgsSource nixpkgs,
        string hostSystem,
        IReadOnlyList<TargetPlan> plans,
        IReadOnlyList<PackageSpec> packages,
        string header,
        IReadOnlyList<string>? hostTools = null)
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
        sb.AppendLine("  # The packages of the project, called with a target's package set.");
        sb.AppendLine("  packagesFor = pkgs: {");
        foreach (var package in packages)
        {
            sb.AppendLine($"    {NixString.AttrName(package.Key)} = {PackageExpression(package)};");
        }

        sb.AppendLine("  };");
        sb.AppendLine("  built = builtins.mapAttrs (_: packagesFor) pkgsFor;");
        sb.AppendLine("in");
        sb.AppendLine("{");

        var attributes = new List<Installable>();
        foreach (var plan in plans)
        {
            var rid = NixString.AttrName(plan.Key);
            var cc = new Installable($"{plan.Key}--toolchain", plan, null, "out");
            attributes.Add(cc);
            sb.AppendLine($"  {cc.Name} = pkgsFor.{rid}.stdenv.cc;");
            foreach (var package in packages)
            {
                foreach (var output in package.Outputs)
                {
                    var attribute = new Installable($"{plan.Key}--{package.Key}--{output}", plan, package, output);
                    attributes.Add(attribute);
                    var built = $"built.{rid}.{NixString.AttrName(package.Key)}";
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
            var attribute = new Installable($"tools--{tool}", null, null, "out");
            attributes.Add(attribute);
            sb.AppendLine($"  {attribute.Name} = {NixString.Select("hostPkgs", [tool])};");
        }

        sb.AppendLine("}");
        return new GeneratedExpression(sb.ToString(), attributes);
    }

    /// <summary>
    /// The pkgs instance for a plan: cross uses the host's pkgsCross; emulated (and native for a
    /// system the host runs directly, like i686 on x86_64) evaluates nixpkgs for the target system,
    /// so Nix builds with the target's own compiler. The Nix system never names the libc: a musl
    /// build is pkgsMusl of that set.
    /// </summary>
    public static string PkgsExpression(TargetPlan plan, string hostSystem)
    {
        var musl = plan.Target.IsMusl ? ".pkgsMusl" : "";
        return plan.Strategy switch
        {
            Strategy.Cross => $"hostPkgs.pkgsCross.{NixString.AttrName(plan.Target.PkgsCross)}",
            Strategy.Native when plan.Target.NixSystem == hostSystem => "hostPkgs" + musl,
            Strategy.Native or Strategy.Emulated =>
                $"(import nixpkgs {{ localSystem = {{ system = {NixString.Quote(plan.Target.NixSystem)}; }}; }}){musl}",
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Strategy, "The planner resolves Auto before generation."),
        };
    }

    private static string PackageExpression(PackageSpec package) => package.Kind switch
    {
        PackageKind.File => $"pkgs.callPackage {NixString.Path(package.Source)} {{ }}",
        PackageKind.Attribute => NixString.Select("pkgs", package.Source.Split('.')),
        _ => throw new ArgumentOutOfRangeException(nameof(package)),
    };
}
