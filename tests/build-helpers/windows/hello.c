/* A DLL for the Windows build-helper tests: one exported function. */
int hello_answer(void) { return 42; }
