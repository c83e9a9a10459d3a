/**
 * Services and applications (Twisted's {@code twisted.application.service}):
 * things that start and stop with the process, arranged in a tree that the
 * {@code braid} launcher runs.
 */
package dev.braid.deferred.service;
