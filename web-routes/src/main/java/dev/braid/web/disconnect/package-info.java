/**
 * Noticing that a client went away while its request waits, which Helidon
 * does not report (see {@link dev.braid.web.DisconnectDetector}).
 */
package dev.braid.web.disconnect;
