/* The program of every tiny project: zlib's CRC-32 of "hello" (3610a686). */
#include <stdio.h>
#include <zlib.h>
int main(void)
{
    printf("crc32(hello)=%08lx\n", crc32(0L, (const Bytef *)"hello", 5));
    return 0;
}
