namespace CrossSdk.Tests.Infrastructure;

/// <summary>Package files the end-to-end tests add to the sample's library.</summary>
public static class TestPackages
{
    /// <summary>libfresh.so from fresh.c, whose source the test gives (e.g. one that calls arc4random, new in glibc 2.36).</summary>
    public static Dictionary<string, string> Fresh(string source) => new()
    {
        ["fresh.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "fresh";
              version = "1.0";
              src = ./.;
              buildPhase = "$CC -O2 -shared -fPIC -o libfresh.so fresh.c";
              installPhase = "mkdir -p $out/lib && cp libfresh.so $out/lib/";
            }
            """,
        ["fresh.c"] = source,
    };
}
