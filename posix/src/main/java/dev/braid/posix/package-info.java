/**
 * Braid's Linux code in one place: the libc calls the {@code braid} daemon
 * needs ({@link dev.braid.posix.Posix}), the epoll and socket calls of the
 * disconnect watcher ({@link dev.braid.posix.LinuxNet}), both made through the
 * Foreign Function API on one shared linker and errno capture, and the
 * {@code /proc} readers ({@link dev.braid.posix.Proc},
 * {@link dev.braid.posix.TcpTable}). Made for Braid's own modules; the JVM must
 * allow native access to this code ({@code --enable-native-access=ALL-UNNAMED}
 * on a class path). docs/architecture.md lists who uses what.
 */
package dev.braid.posix;
