#ifndef SQUEEZE_H
#define SQUEEZE_H
#include <stddef.h>
#include <stdint.h>

#define SQUEEZE_API __attribute__((visibility("default")))

/* zlib's CRC-32 of a buffer. */
SQUEEZE_API uint32_t squeeze_crc32(const uint8_t *data, size_t size);
/* Compresses into output (zlib format); returns the compressed size, or -1 if it does not fit. */
SQUEEZE_API long squeeze_compress(const uint8_t *data, size_t size, uint8_t *output, size_t capacity);
/* Decompresses into output; returns the decompressed size, or -1 on corrupt input or no room. */
SQUEEZE_API long squeeze_expand(const uint8_t *data, size_t size, uint8_t *output, size_t capacity);
/* The zlib version and the compression level the library was configured with. */
SQUEEZE_API const char *squeeze_about(void);

#endif
