/**
 * Connection errors shared by the TCP and web layers (Twisted's
 * {@code twisted.internet.error}): {@code ConnectionDone} and
 * {@code ConnectionLost} end connections and requests; {@code ConnectError}
 * and its subclasses fail connection attempts.
 */
package dev.braid.deferred.error;
