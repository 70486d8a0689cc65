using System.Runtime.InteropServices;
using System.Text;

namespace RealLibraries;

/// <summary>
/// libyaml: the event stream of a small document, one letter per event (S/s stream, D/d document,
/// M/m mapping, Q/q sequence start/end) and =value per scalar.
/// </summary>
internal static unsafe partial class Yaml
{
    // yaml_event_type_t
    private const int StreamStart = 1, StreamEnd = 2, DocumentStart = 3, DocumentEnd = 4, Scalar = 6,
        SequenceStart = 7, SequenceEnd = 8, MappingStart = 9, MappingEnd = 10;

    public static string Events()
    {
        var input = Encoding.UTF8.GetBytes("a: [1, 2, 3]\nb: {c: d}\n");
        // yaml_parser_t and yaml_event_t are opaque here: room enough for both on 32 and 64 bits.
        var parser = NativeMemory.AllocZeroed(4096);
        var ev = NativeMemory.AllocZeroed(512);
        var text = new StringBuilder(Marshal.PtrToStringUTF8(yaml_get_version_string()));
        try
        {
            if (yaml_parser_initialize(parser) == 0)
            {
                return "initialize failed";
            }

            fixed (byte* bytes = input)
            {
                yaml_parser_set_input_string(parser, bytes, (nuint)input.Length);
                while (true)
                {
                    if (yaml_parser_parse(parser, ev) == 0)
                    {
                        return text.Append(" parse error").ToString();
                    }

                    var type = *(int*)ev;
                    text.Append(' ').Append(type switch
                    {
                        StreamStart => "S", StreamEnd => "s", DocumentStart => "D", DocumentEnd => "d",
                        MappingStart => "M", MappingEnd => "m", SequenceStart => "Q", SequenceEnd => "q",
                        Scalar => "=" + ScalarValue(ev),
                        _ => $"?{type}",
                    });
                    yaml_event_delete(ev);
                    if (type == StreamEnd)
                    {
                        return text.ToString();
                    }
                }
            }
        }
        finally
        {
            yaml_parser_delete(parser);
            NativeMemory.Free(ev);
            NativeMemory.Free(parser);
        }
    }

    /// <summary>data.scalar of yaml_event_t: after the type (padded to a pointer), anchor, tag, value, length.</summary>
    private static string ScalarValue(void* ev)
    {
        var fields = (nint*)((byte*)ev + sizeof(nint));
        return Marshal.PtrToStringUTF8(fields[2], (int)fields[3]);
    }

    [LibraryImport("yaml")]
    private static partial nint yaml_get_version_string();

    [LibraryImport("yaml")]
    private static partial int yaml_parser_initialize(void* parser);

    [LibraryImport("yaml")]
    private static partial void yaml_parser_set_input_string(void* parser, byte* input, nuint size);

    [LibraryImport("yaml")]
    private static partial int yaml_parser_parse(void* parser, void* ev);

    [LibraryImport("yaml")]
    private static partial void yaml_event_delete(void* ev);

    [LibraryImport("yaml")]
    private static partial void yaml_parser_delete(void* parser);
}
