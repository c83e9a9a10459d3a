/**
 * Flows in web pages: {@link dev.braid.web.flow.FlowResource} streams a
 * {@link dev.braid.deferred.flow.Stage} into a response, pulled by the
 * request's loop.
 */
package dev.braid.web.flow;
