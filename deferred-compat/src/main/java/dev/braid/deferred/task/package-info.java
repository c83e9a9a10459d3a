/**
 * Twisted's {@code twisted.internet.task}: {@link dev.braid.deferred.task.LoopingCall}
 * and {@link dev.braid.deferred.task.Cooperator}.
 */
package dev.braid.deferred.task;
