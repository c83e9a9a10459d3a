/** Forwarding requests to another HTTP server ({@link dev.braid.web.proxy.ReverseProxyResource}). */
package dev.braid.web.proxy;
