#ifndef GREET_H
#define GREET_H
/* Writes a greeting into buffer; returns the length it needed (snprintf's contract). */
int greet(const char *name, char *buffer, int size);
/* The architecture the library was compiled for. */
const char *greet_arch(void);
#endif
