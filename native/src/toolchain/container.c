/*
 * The runtime's container library (cgroup limits). The braid binary is
 * built with container support off (-H:-UseContainerSupport: the runtime
 * then sizes itself from the machine, as documented), which folds every
 * call below away; if one were reached, it says so and ends the process.
 */
#include "unsupported.h"

int svm_container_initialize(int version) {
    (void) version;
    braid_unsupported("svm_container_initialize");
    return 0;
}

#define UNSUPPORTED_LONG(type, name) \
    type name(void) { \
        braid_unsupported(#name); \
        return 0; \
    }

UNSUPPORTED_LONG(unsigned long, svm_container_physical_memory)
UNSUPPORTED_LONG(long, svm_container_memory_limit_in_bytes)
UNSUPPORTED_LONG(long, svm_container_memory_and_swap_limit_in_bytes)
UNSUPPORTED_LONG(long, svm_container_memory_soft_limit_in_bytes)
UNSUPPORTED_LONG(long, svm_container_memory_usage_in_bytes)
UNSUPPORTED_LONG(long, svm_container_memory_max_usage_in_bytes)
UNSUPPORTED_LONG(long, svm_container_rss_usage_in_bytes)
UNSUPPORTED_LONG(long, svm_container_cache_usage_in_bytes)
UNSUPPORTED_LONG(int, svm_container_active_processor_count)
