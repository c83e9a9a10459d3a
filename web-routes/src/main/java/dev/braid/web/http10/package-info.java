/**
 * HTTP/1.0 on Helidon, which answers only HTTP/1.1: a connection whose first
 * request says {@code HTTP/1.0} is served by Helidon's own HTTP/1.1 connection
 * through a translation of both byte streams (requests made HTTP/1.1 with
 * {@code Connection: close} unless keep-alive was asked for; responses made
 * HTTP/1.0, chunked bodies sent as they are, delimited by closing the
 * connection). Found by Helidon's {@code ServiceLoader} SPI, so every listener
 * of a server with web-routes on its class path answers HTTP/1.0 clients:
 * {@code curl -0}, ApacheBench, nginx's default proxying.
 */
package dev.braid.web.http10;
