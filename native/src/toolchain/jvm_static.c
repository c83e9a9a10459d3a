/*
 * The native image's own "jvm" library (linked statically into the
 * executable): the few JVM_ functions the runtime calls itself, and the
 * JNI_OnLoad_<lib> entry points the runtime calls for each JDK library it
 * treats as built in.
 *
 * The JDK libraries (libjava, libnio, libnet, libzip, libextnet) are linked
 * dynamically here, as the shared objects of the JDK the image was built
 * with, so each entry point runs the shared library's own JNI_OnLoad.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

/* Called so that the linker keeps this library: nothing to do. */
void initialize(void) {
}

/* Processors this process may run on (its affinity mask), as HotSpot counts them. */
int JVM_ActiveProcessorCount(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int count = CPU_COUNT(&set);
        if (count > 0) {
            return count;
        }
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int) online : 1;
}

/* Installs a plain handler; returns the previous one, or (void *) -1 on error. */
void *JVM_RegisterSignal(int sig, void *handler) {
    struct sigaction action;
    struct sigaction previous;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    action.sa_handler = (void (*)(int)) handler;
    if (sigaction(sig, &action, &previous) != 0) {
        return (void *) -1;
    }
    return (void *) previous.sa_handler;
}

jlong JVM_CurrentTimeMillis(void *env, void *ignored) {
    (void) env;
    (void) ignored;
    struct timeval now;
    gettimeofday(&now, NULL);
    return (jlong) now.tv_sec * 1000 + now.tv_usec / 1000;
}

/*
 * Runs JNI_OnLoad of the shared library named file, if that library itself
 * defines one (dlsym on a handle also searches the library's dependencies,
 * so the symbol's owner is checked).
 */
static jint load_shared(const char *file, JavaVM *vm, void *reserved) {
    void *library = dlopen(file, RTLD_LAZY | RTLD_NOLOAD);
    if (library == NULL) {
        library = dlopen(file, RTLD_LAZY);
    }
    if (library == NULL) {
        fprintf(stderr, "braid native: cannot load %s: %s\n", file, dlerror());
        return JNI_ERR;
    }
    void *on_load = dlsym(library, "JNI_OnLoad");
    if (on_load == NULL) {
        return JNI_VERSION_1_8;
    }
    Dl_info owner;
    if (dladdr(on_load, &owner) == 0 || owner.dli_fname == NULL || strstr(owner.dli_fname, file) == NULL) {
        return JNI_VERSION_1_8;
    }
    jint version = ((jint (*)(JavaVM *, void *)) on_load)(vm, reserved);
    /* A built-in (statically linked) library must answer at least 1.8 (JEP 178);
       the shared libraries answer the version they need, often older. */
    return version < 0 ? version : (version < JNI_VERSION_1_8 ? JNI_VERSION_1_8 : version);
}

#define BUILT_IN(name) \
    JNIEXPORT jint JNICALL JNI_OnLoad_##name(JavaVM *vm, void *reserved) { \
        return load_shared("lib" #name ".so", vm, reserved); \
    }

BUILT_IN(java)
BUILT_IN(nio)
BUILT_IN(net)
BUILT_IN(zip)
BUILT_IN(extnet)
