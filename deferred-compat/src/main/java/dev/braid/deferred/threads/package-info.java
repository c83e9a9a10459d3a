/**
 * Turning blocking code into code that returns Deferreds: the "decorator"
 * that sends any call to a thread without changing its result or its
 * exceptions.
 *
 * <p>{@link dev.braid.deferred.threads.InThread#inThread InThread.inThread}
 * wraps one function; {@link dev.braid.deferred.threads.InThread#proxy InThread.proxy}
 * wraps every method of a blocking object behind an interface whose methods
 * return Deferreds. Both run the work with
 * {@link dev.braid.deferred.Threads#deferToThread Threads.deferToThread}: each
 * call on its own virtual thread, the Deferred firing on the caller's loop.
 */
package dev.braid.deferred.threads;
