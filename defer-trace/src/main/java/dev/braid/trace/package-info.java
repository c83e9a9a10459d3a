/**
 * The {@code defer-trace} command: a small scripting language for Deferred
 * operations whose output is compared byte for byte with what real Twisted
 * prints for the same script (the conformance test of deferred-compat).
 */
package dev.braid.trace;
