/**
 * Twisted's protocols, factories and transports over TCP, on virtual threads.
 *
 * <p>Requires deferred-compat transitively: its Deferreds, failures and
 * services are part of this API.
 */
module dev.braid.tcp {
    requires transitive dev.braid.deferred;
    requires java.logging;

    exports dev.braid.tcp;
    exports dev.braid.tcp.basic;
    exports dev.braid.tcp.flow;
}
