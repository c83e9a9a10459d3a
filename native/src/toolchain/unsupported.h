/*
 * What every stand-in does when a call reaches a part of the runtime that the
 * braid native binary does not support: name the call on standard error and
 * end the process with a distinctive status, so it never goes on with a
 * silently wrong answer.
 */
#ifndef BRAID_UNSUPPORTED_H
#define BRAID_UNSUPPORTED_H

#include <stdio.h>
#include <unistd.h>

/* The exit status of a process that reached an unsupported call. */
#define BRAID_UNSUPPORTED_STATUS 86

static inline void braid_unsupported(const char *what) {
    fprintf(stderr, "braid native: unsupported call %s reached; this binary cannot go on (use the JVM binary)\n", what);
    fflush(stderr);
    _exit(BRAID_UNSUPPORTED_STATUS);
}

#endif
