/**
 * Noticing that a client went away while its request waits, which Helidon
 * does not report (see {@link DisconnectDetector}).
 * {@link dev.braid.web.disconnect.DisconnectDetectors#best()} picks the
 * {@link dev.braid.web.disconnect.EpollWatcher} (one thread, epoll through the
 * posix library's Foreign Function calls, {@code dev.braid.posix.LinuxNet};
 * never reads a byte), else the
 * {@link dev.braid.web.disconnect.ProcNetTcpWatcher} (polls the kernel's TCP
 * table), else nothing (noticed when a write fails). docs/disconnect.md says
 * how each works and what it costs.
 */
package dev.braid.web.disconnect;
