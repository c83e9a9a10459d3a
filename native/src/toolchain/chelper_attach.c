/*
 * The attach API (jcmd, jstack against a running native image). The braid
 * binary is built without it (no --enable-monitoring=attach), so none of
 * these is ever reached; if one were, it says so and ends the process.
 */
#include "unsupported.h"

void svm_attach_startup(const char *path) {
    (void) path;
    braid_unsupported("svm_attach_startup");
}

void svm_attach_listener_cleanup(int socket, const char *path) {
    (void) socket;
    (void) path;
    braid_unsupported("svm_attach_listener_cleanup");
}

int svm_attach_check_socket_file(const char *path) {
    (void) path;
    braid_unsupported("svm_attach_check_socket_file");
    return 0;
}

int svm_attach_is_init_trigger(const char *path) {
    (void) path;
    braid_unsupported("svm_attach_is_init_trigger");
    return 0;
}

int svm_attach_create_listener(const char *path) {
    (void) path;
    braid_unsupported("svm_attach_create_listener");
    return -1;
}

int svm_attach_wait_for_request(int socket) {
    (void) socket;
    braid_unsupported("svm_attach_wait_for_request");
    return -1;
}

void svm_attach_shutdown_socket(int socket) {
    (void) socket;
    braid_unsupported("svm_attach_shutdown_socket");
}
