#include <stdio.h>
#include <string.h>
#include "greet.h"

/* The machine this library was compiled for, fixed at compile time. */
#if defined(__aarch64__)
#define GREET_ARCH "aarch64"
#elif defined(__riscv) && __riscv_xlen == 64
#define GREET_ARCH "riscv64"
#elif defined(__arm__)
#define GREET_ARCH "arm"
#elif defined(__x86_64__)
#define GREET_ARCH "x86_64"
#elif defined(__i386__)
#define GREET_ARCH "i686"
#else
#define GREET_ARCH "unknown"
#endif

const char *greet_arch(void) { return GREET_ARCH; }

int greet(const char *name, char *buffer, int size)
{
    return snprintf(buffer, (size_t)size, "Hello, %s, from native code built for %s!", name, GREET_ARCH);
}
