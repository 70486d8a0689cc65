using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Failures;

/// <summary>
/// CROSS0122: the generated expression reached an attribute the nixpkgs in use does not have. Each
/// such attribute falls back to a `throw "this nixpkgs has no ..."` (<see cref="ExpressionGenerator"/>),
/// so that `auto` rules that candidate out; when the strategy was chosen (CrossStrategy or the
/// target's Strategy), the throw is the build's error, and it is the nixpkgs' doing, not the
/// CrossPackage items'.
/// </summary>
internal static partial class MissingNixpkgsAttribute
{
    public static CrossException? Recognise(string nixError)
    {
        var match = Guard().Match(BuildLogText.Clean(nixError));
        if (!match.Success)
        {
            return null;
        }

        var attribute = match.Groups["attribute"].Value;
        var rid = match.Groups["rid"].Success ? match.Groups["rid"].Value : null;
        var needs = rid is null ? "" : $", which {rid} needs with the strategy in use";
        var advice = attribute == "pkgsMusl"
            ? "An emulated or native musl build is pkgsMusl of the target system's package set. Build the musl target cross " +
              "(CrossStrategy=cross, or auto, which rules out a candidate its nixpkgs cannot describe), or use a nixpkgs that has pkgsMusl (real nixpkgs has it; a reduced or custom package set may not)."
            : "A cross build is that example of nixpkgs' lib/systems/examples.nix. Use a nixpkgs that has it (an older one may not), " +
              "build the target emulated (CrossStrategy=emulated or auto), or name the target by its GNU triple with a Rid (<CrossTarget Include=\"<triple>\" Rid=\"<rid>\" />), which nixpkgs builds with crossSystem.config.";
        return new CrossException(
            DiagnosticCodes.NixpkgsLacksTargetAttribute,
            $"The nixpkgs in use (CrossNixpkgs, or the target's Nixpkgs metadata) has no {attribute}{needs}. {advice}")
        {
            Detail = match.Value,
        };
    }

    // The throws of ExpressionGenerator.PkgsExpression: "this nixpkgs has no pkgsMusl (needed for linux-musl-arm64)",
    // "this nixpkgs has no pkgsCross.aarch64-multiplatform", "this nixpkgs has no lib.systems.examples.riscv64".
    [GeneratedRegex(@"this nixpkgs has no (?<attribute>pkgsMusl|pkgsCross\.[A-Za-z0-9_'-]+|lib\.systems\.examples\.[A-Za-z0-9_'-]+)(?: \(needed for (?<rid>[A-Za-z0-9._-]+)\))?")]
    private static partial Regex Guard();
}
