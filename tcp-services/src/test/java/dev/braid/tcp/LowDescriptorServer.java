package dev.braid.tcp;

import dev.braid.deferred.log.Log;

/**
 * An echo server for {@link AcceptUnderDescriptorLimitTest}, run in a child
 * JVM under a low {@code ulimit -n}: prints its port, then serves until killed.
 */
public final class LowDescriptorServer {
    private LowDescriptorServer() {
    }

    /**
     * Listens on an ephemeral loopback port.
     *
     * @param args none
     * @throws Exception if the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        Log.msg("echo server starting");   // loads the logging classes while descriptors are free
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write(data);
            }
        }), "127.0.0.1");
        // One echo while descriptors are free: the test runs from class directories,
        // where each class loaded later would need a descriptor of its own.
        try (java.net.Socket warmUp = new java.net.Socket("127.0.0.1", port.port())) {
            warmUp.getOutputStream().write('w');
            if (warmUp.getInputStream().read() != 'w') {
                throw new IllegalStateException("the warm-up echo failed");
            }
        }
        System.out.println("port " + port.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
