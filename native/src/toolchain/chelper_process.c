/*
 * Process and thread helpers of the native image's runtime (its "libchelper"
 * library): the environment, thread ids and CPU time, mremap, the
 * instruction-cache flush and the system time zone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

char **getEnviron(void) {
    return environ;
}

int getThreadId(void) {
    return (int) syscall(SYS_gettid);
}

/*
 * User CPU time of a thread of this process in nanoseconds, from field 14
 * (utime, in clock ticks) of /proc/self/task/TID/stat; -1 if unreadable.
 * Field 2 (the command) may hold spaces and parentheses, so counting starts
 * after its last ')'.
 */
long getThreadUserTimeSlow(int tid) {
    char path[64];
    char buffer[2048];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return -1;
    }
    size_t length = fread(buffer, 1, sizeof buffer - 1, file);
    fclose(file);
    buffer[length] = '\0';
    char *field = strrchr(buffer, ')');
    if (field == NULL) {
        return -1;
    }
    /* field points at the space before field 3; move to the space before field 14 */
    field++;
    for (int number = 3; number < 14; number++) {
        field = strchr(field + 1, ' ');
        if (field == NULL) {
            return -1;
        }
    }
    char *end;
    errno = 0;
    unsigned long long ticks = strtoull(field + 1, &end, 10);
    if (errno != 0 || end == field + 1) {
        return -1;
    }
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) {
        return -1;
    }
    return (long) (ticks * (1000000000ULL / (unsigned long long) hz));
}

void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old_address, old_size, new_size, flags, new_address);
}

/* x86 keeps instruction and data caches coherent: nothing to flush. */
void codeSynchronization_clearCache(long start, long size) {
    (void) start;
    (void) size;
#if !defined(__x86_64__)
    __builtin___clear_cache((char *) start, (char *) start + size);
#endif
}

/* A zone id from a path such as /usr/share/zoneinfo/Europe/Paris, or NULL. */
static char *zone_from_path(const char *path) {
    const char *zone = strstr(path, "zoneinfo/");
    if (zone == NULL || zone[9] == '\0') {
        return NULL;
    }
    zone += 9;
    /* the posix/ and right/ trees hold the same zones */
    if (strncmp(zone, "posix/", 6) == 0) {
        zone += 6;
    } else if (strncmp(zone, "right/", 6) == 0) {
        zone += 6;
    }
    return strdup(zone);
}

static char *trimmed(char *text) {
    while (*text == ' ' || *text == '\t') {
        text++;
    }
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' ' || text[length - 1] == '\t')) {
        text[--length] = '\0';
    }
    return text;
}

/*
 * The system time zone id, found as the JDK finds it on Linux: the TZ
 * variable, then /etc/timezone, then the target of the /etc/localtime link.
 * Returns a malloc'ed string the caller frees, or NULL (the runtime then
 * uses GMT). The tzmappings table is only used on Windows.
 */
char *SVM_FindJavaTZmd(const char *tz_mappings, int length) {
    (void) tz_mappings;
    (void) length;
    const char *tz = getenv("TZ");
    if (tz != NULL && *tz != '\0') {
        if (*tz == ':') {
            tz++;
        }
        if (*tz == '/') {
            char *zone = zone_from_path(tz);
            if (zone != NULL) {
                return zone;
            }
        } else if (*tz != '\0') {
            return strdup(tz);
        }
    }
    FILE *file = fopen("/etc/timezone", "r");
    if (file != NULL) {
        char line[256];
        char *read = fgets(line, sizeof line, file);
        fclose(file);
        if (read != NULL) {
            char *zone = trimmed(line);
            if (*zone != '\0' && *zone != '#') {
                return strdup(zone);
            }
        }
    }
    char target[4096];
    ssize_t size = readlink("/etc/localtime", target, sizeof target - 1);
    if (size > 0) {
        target[size] = '\0';
        char *zone = zone_from_path(target);
        if (zone != NULL) {
            return zone;
        }
    }
    struct stat info;
    if (stat("/etc/localtime", &info) != 0) {
        return strdup("UTC"); /* no local time configured: UTC, as glibc does */
    }
    return NULL;
}

/* Fixed-signature wrappers the runtime calls without varargs support. */
int fprintfSD(FILE *stream, const char *format, const char *text, int number) {
    return fprintf(stream, format, text, number);
}

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}
