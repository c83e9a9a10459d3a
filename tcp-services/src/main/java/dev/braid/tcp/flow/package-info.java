/**
 * Protocols written as flows (twisted.flow's {@code makeProtocol}):
 * {@link dev.braid.tcp.flow.FlowProtocol#make} turns straight-line code over
 * a connection's incoming data into a protocol.
 */
package dev.braid.tcp.flow;
