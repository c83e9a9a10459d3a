/**
 * Braid's Linux code: the daemon's libc calls and the disconnect watcher's
 * epoll and socket calls through the Foreign Function API, the {@code /proc}
 * readers, and signal handlers.
 *
 * <p>Depends on the JDK only. On a module path the JVM must allow this
 * module native access ({@code --enable-native-access=dev.braid.posix}); on a
 * class path, as the braid binary runs it, {@code ALL-UNNAMED} does.
 */
module dev.braid.posix {
    // Signals reaches sun.misc.Signal by reflection: the module must be in the graph.
    requires jdk.unsupported;

    exports dev.braid.posix;
}
