#include "squeeze.h"
#include <stdio.h>
#include <zlib.h>

uint32_t squeeze_crc32(const uint8_t *data, size_t size)
{
    return (uint32_t)crc32(0L, data, (uInt)size);
}

long squeeze_compress(const uint8_t *data, size_t size, uint8_t *output, size_t capacity)
{
    uLongf length = capacity;
    return compress2(output, &length, data, size, SQUEEZE_LEVEL) == Z_OK ? (long)length : -1;
}

long squeeze_expand(const uint8_t *data, size_t size, uint8_t *output, size_t capacity)
{
    uLongf length = capacity;
    return uncompress(output, &length, data, size) == Z_OK ? (long)length : -1;
}

const char *squeeze_about(void)
{
    static char about[64];
    snprintf(about, sizeof about, "zlib %s, level %d", zlibVersion(), SQUEEZE_LEVEL);
    return about;
}
