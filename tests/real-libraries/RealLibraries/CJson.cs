using System.Runtime.InteropServices;

namespace RealLibraries;

/// <summary>cJSON: parse a document, read a number and an array, print it back unformatted.</summary>
internal static partial class CJson
{
    private const string Json = """
        { "name": "CrossSdk", "targets": [ "arm64", "riscv64" ], "n": 42 }
        """;

    public static string RoundTrip()
    {
        var root = cJSON_Parse(Json);
        if (root == 0)
        {
            return "parse failed";
        }

        try
        {
            var printed = cJSON_PrintUnformatted(root);
            var text = Marshal.PtrToStringUTF8(printed);
            cJSON_free(printed);
            var n = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "n"));
            var targets = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "targets"));
            return $"{text} n={n} targets={targets}";
        }
        finally
        {
            cJSON_Delete(root);
        }
    }

    [LibraryImport("cjson", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint cJSON_Parse(string value);

    [LibraryImport("cjson")]
    private static partial nint cJSON_PrintUnformatted(nint item);

    [LibraryImport("cjson", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint cJSON_GetObjectItemCaseSensitive(nint item, string name);

    [LibraryImport("cjson")]
    private static partial double cJSON_GetNumberValue(nint item);

    [LibraryImport("cjson")]
    private static partial int cJSON_GetArraySize(nint array);

    [LibraryImport("cjson")]
    private static partial void cJSON_free(nint pointer);

    [LibraryImport("cjson")]
    private static partial void cJSON_Delete(nint item);
}
