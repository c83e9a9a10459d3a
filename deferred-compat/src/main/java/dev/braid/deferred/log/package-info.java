/**
 * Twisted-style logging helpers ({@code Log.msg}, {@code Log.err}) over
 * java.util.logging.
 */
package dev.braid.deferred.log;
