// Known-answer checks of three real C libraries built by CrossSdk, and of a library of this app
// built on one of them: prints one line per check and exits 0 only when every answer is right.
using RealLibraries;

var checks = new (string Name, Func<string> Run, string Expected)[]
{
    ("cjson", CJson.RoundTrip, """{"name":"CrossSdk","targets":["arm64","riscv64"],"n":42} n=42 targets=2"""),
    ("libyaml", Yaml.Events, "0.2.5 S D M =a Q =1 =2 =3 q =b M =c =d m m d s"),
    ("yamlcheck", YamlCheck.CountScalars, "7 scalars"),
    ("libspng", Spng.DecodeKnownImage, "3x2 rgb8 ff0000ff 00ff00ff 0000ffff ffffffff 000000ff 808080ff"),
};

var failed = 0;
foreach (var (name, run, expected) in checks)
{
    var actual = run();
    var ok = actual == expected;
    failed += ok ? 0 : 1;
    Console.WriteLine($"{name}: {(ok ? "ok" : "WRONG")} {actual}{(ok ? "" : $" (expected {expected})")}");
}

return failed;
