/*
 * libjvm.so for the JDK's shared libraries shipped beside the braid native
 * binary (libjava, libnet, libzip, ...): they import JVM_ and jio_
 * functions from HotSpot's libjvm.so, which a native image does not have.
 *
 * This file implements the ones the JNI code that the image really calls
 * may use: formatted printing, clocks, library lookup, the path and raw
 * monitors of libzip. The build generates every other imported name as a
 * function that reports the call and exits (see unsupported.h): those serve
 * natives that the image replaces with its own code, so they are never
 * reached, and if one were, the process would stop with its name instead
 * of going on with a wrong answer.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <jni.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int jio_vsnprintf(char *buffer, size_t size, const char *format, va_list arguments) {
    if ((long) size <= 0) {
        return -1;
    }
    int written = vsnprintf(buffer, size, format, arguments);
    /* HotSpot's contract: -1 (and a terminated buffer) when the text was cut */
    if (written < 0 || (size_t) written >= size) {
        buffer[size - 1] = '\0';
        return -1;
    }
    return written;
}

int jio_snprintf(char *buffer, size_t size, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int written = jio_vsnprintf(buffer, size, format, arguments);
    va_end(arguments);
    return written;
}

int jio_vfprintf(FILE *stream, const char *format, va_list arguments) {
    return vfprintf(stream, format, arguments);
}

int jio_fprintf(FILE *stream, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int written = vfprintf(stream, format, arguments);
    va_end(arguments);
    return written;
}

jlong JVM_NanoTime(JNIEnv *env, jclass ignored) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (jlong) now.tv_sec * 1000000000L + now.tv_nsec;
}

jlong JVM_CurrentTimeMillis(JNIEnv *env, jclass ignored) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (jlong) now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* Nanoseconds since offset_seconds, or -1 when that does not fit in a long (HotSpot's limit). */
jlong JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass ignored, jlong offset_seconds) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    jlong seconds = (jlong) now.tv_sec - offset_seconds;
    if (seconds >= 0x100000000L || seconds <= -0x100000000L) {
        return -1;
    }
    return seconds * 1000000000L + now.tv_nsec;
}

void *JVM_FindLibraryEntry(void *handle, const char *name) {
    return dlsym(handle == NULL ? RTLD_DEFAULT : handle, name);
}

jint JVM_ActiveProcessorCount(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) {
        return CPU_COUNT(&set);
    }
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (jint) online : 1;
}

/* Paths need no conversion on Linux. */
char *JVM_NativePath(char *path) {
    return path;
}

/* libzip's raw monitors: plain recursive mutexes. */
void *JVM_RawMonitorCreate(void) {
    pthread_mutex_t *mutex = malloc(sizeof *mutex);
    if (mutex == NULL) {
        return NULL;
    }
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(mutex, &attributes);
    pthread_mutexattr_destroy(&attributes);
    return mutex;
}

void JVM_RawMonitorDestroy(void *monitor) {
    pthread_mutex_destroy(monitor);
    free(monitor);
}

jint JVM_RawMonitorEnter(void *monitor) {
    return pthread_mutex_lock(monitor) == 0 ? 0 : -1;
}

void JVM_RawMonitorExit(void *monitor) {
    pthread_mutex_unlock(monitor);
}

/* Shutdown.halt0: the image has run its shutdown hooks; end the process as HotSpot does. */
void JVM_Halt(jint code) {
    exit(code);
}

/* The image's Shutdown.beforeHalt has nothing to do; neither has this. */
void JVM_BeforeHalt(void) {
}

/* System.arraycopy for JNI code that asks HotSpot for it. */
void JVM_ArrayCopy(JNIEnv *env, jclass ignored, jobject source, jint source_position, jobject target,
                   jint target_position, jint length) {
    (void) ignored;
    jclass system = (*env)->FindClass(env, "java/lang/System");
    if (system == NULL) {
        return; /* the pending exception goes to the caller */
    }
    jmethodID arraycopy = (*env)->GetStaticMethodID(env, system, "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V");
    if (arraycopy != NULL) {
        (*env)->CallStaticVoidMethod(env, system, arraycopy, source, source_position, target, target_position, length);
    }
}

jstring JVM_GetTemporaryDirectory(JNIEnv *env) {
    return (*env)->NewStringUTF(env, "/tmp");
}
