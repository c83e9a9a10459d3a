package dev.braid.tcp.basic;

import dev.braid.deferred.EventLoop;
import dev.braid.tcp.Producer;
import dev.braid.tcp.Transport;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;

/** The outermost edge faked for parser unit tests: records writes and closes (socket tests cover the real thing). */
final class RecordingTransport implements Transport {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean lost;

    @Override
    public void write(byte[] data) {
        written.writeBytes(data);
    }

    @Override
    public void writeSequence(List<byte[]> chunks) {
        chunks.forEach(this::write);
    }

    @Override
    public void loseConnection() {
        lost = true;
    }

    @Override
    public void abortConnection() {
        lost = true;
    }

    @Override
    public InetSocketAddress getPeer() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public InetSocketAddress getHost() {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public void pauseProducing() {
    }

    @Override
    public void resumeProducing() {
    }

    @Override
    public void registerProducer(Producer producer) {
    }

    @Override
    public void unregisterProducer() {
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    @Override
    public boolean disconnecting() {
        return lost;
    }

    @Override
    public EventLoop loop() {
        throw new UnsupportedOperationException();
    }
}
