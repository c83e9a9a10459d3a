/**
 * Twisted's {@code twisted.internet.task}: calling a function on a grid of
 * times ({@link dev.braid.deferred.task.LoopingCall}) and running long jobs a
 * step at a time so they share a loop ({@link dev.braid.deferred.task.Cooperator},
 * {@link dev.braid.deferred.task.CooperativeTask}). Both take their time from a
 * {@link dev.braid.deferred.ReactorTime}: a loop, or a
 * {@link dev.braid.deferred.Clock} in tests. {@code deferLater} lives in
 * {@link dev.braid.deferred.Deferreds}.
 */
package dev.braid.deferred.task;
