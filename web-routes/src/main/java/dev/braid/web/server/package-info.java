/**
 * Protection of Helidon listeners against hostile clients:
 * {@link dev.braid.web.server.ConnectionGuard} runs Helidon's HTTP/1.1,
 * HTTP/2 and Braid's HTTP/1.0 behind a connection of its own that times
 * silent, slow and non-reading clients ({@link dev.braid.web.server.ServerLimits}),
 * answers unknown protocols at once, accepts chunk extensions and trailers,
 * honours {@code Connection: close}, and caps a listener's connections.
 * docs/security.md lists every limit.
 */
package dev.braid.web.server;
