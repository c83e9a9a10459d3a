/*
 * Java signal handlers (sun.misc.Signal / jdk.internal.misc.Signal) in the
 * native image: the C handler counts each signal and posts a semaphore; the
 * runtime's "Signal Dispatcher" thread waits on the semaphore, takes one
 * pending signal per wake-up and runs its Java handler.
 */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>

#define SIGNAL_SLOTS 65 /* signals 1..64 (NSIG - 1 on Linux) */

static sem_t wakeups;
static volatile int claimed;            /* one isolate owns the mechanism */
static volatile int pending[SIGNAL_SLOTS];

/* Runs in signal context: only async-signal-safe calls. */
static void dispatch(int sig) {
    if (sig > 0 && sig < SIGNAL_SLOTS) {
        __atomic_fetch_add(&pending[sig], 1, __ATOMIC_SEQ_CST);
        sem_post(&wakeups);
    }
}

/* 0 on success, 1 if another isolate already owns it, -1 on error (errno set). */
int cSunMiscSignal_open(void) {
    int expected = 0;
    if (!__atomic_compare_exchange_n(&claimed, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        return 1;
    }
    for (int i = 0; i < SIGNAL_SLOTS; i++) {
        pending[i] = 0;
    }
    if (sem_init(&wakeups, 0, 0) != 0) {
        __atomic_store_n(&claimed, 0, __ATOMIC_SEQ_CST);
        return -1;
    }
    return 0;
}

int cSunMiscSignal_close(void) {
    int status = sem_destroy(&wakeups);
    __atomic_store_n(&claimed, 0, __ATOMIC_SEQ_CST);
    return status;
}

/* Waits for a wake-up; an interrupted wait is a (harmless) spurious one. */
int cSunMiscSignal_awaitSemaphore(void) {
    if (sem_wait(&wakeups) != 0 && errno != EINTR) {
        return -1;
    }
    return 0;
}

int cSunMiscSignal_signalSemaphore(void) {
    return sem_post(&wakeups);
}

int cSunMiscSignal_signalRangeCheck(int sig) {
    return sig > 0 && sig < SIGNAL_SLOTS;
}

/* The lowest pending signal, its count taken down by one; -1 if none. */
int cSunMiscSignal_checkPendingSignal(void) {
    for (int sig = 1; sig < SIGNAL_SLOTS; sig++) {
        int count = __atomic_load_n(&pending[sig], __ATOMIC_SEQ_CST);
        while (count > 0) {
            if (__atomic_compare_exchange_n(&pending[sig], &count, count - 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                return sig;
            }
        }
    }
    return -1;
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return (void *) dispatch;
}
