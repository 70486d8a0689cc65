#include <string.h>
#include <yaml.h>

/* The number of scalars in a YAML document, or -1 if it does not parse. */
int yamlcheck_count_scalars(const char *text)
{
    yaml_parser_t parser;
    yaml_event_t event;
    int scalars = 0, done = 0;

    if (!yaml_parser_initialize(&parser))
        return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) {
            scalars = -1;
            break;
        }
        if (event.type == YAML_SCALAR_EVENT)
            scalars++;
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return scalars;
}
