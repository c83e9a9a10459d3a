/**
 * Cooperative data flows (Twisted's {@code twisted.flow}): stages pulled one
 * value at a time on a loop, generators written as lambdas, merge and zip,
 * blocking iterators on their own virtual threads, and the drivers that run
 * a flow to a Deferred or, in scripts, on the calling thread. Start at
 * {@link dev.braid.deferred.flow.Flow}.
 */
package dev.braid.deferred.flow;
