/* A tiny C library the NativeAOT app calls through P/Invoke. */
#include <stdio.h>

#if defined(__aarch64__)
#define HELLO_ARCH "aarch64"
#elif defined(__riscv)
#define HELLO_ARCH "riscv64"
#elif defined(__x86_64__)
#define HELLO_ARCH "x86_64"
#else
#define HELLO_ARCH "unknown"
#endif

int hello_sum(int a, int b) { return a + b; }

const char *hello_arch(void) { return HELLO_ARCH; }
