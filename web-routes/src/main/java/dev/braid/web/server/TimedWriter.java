package dev.braid.web.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;

/** The connection's writer, telling its {@link GuardedConnection} when a write starts and ends. */
final class TimedWriter implements DataWriter {
    private final DataWriter delegate;
    private final GuardedConnection connection;

    TimedWriter(DataWriter delegate, GuardedConnection connection) {
        this.delegate = delegate;
        this.connection = connection;
    }

    @Override
    public void write(BufferData... buffers) {
        timed(() -> delegate.write(buffers));
    }

    @Override
    public void write(BufferData buffer) {
        timed(() -> delegate.write(buffer));
    }

    @Override
    public void writeNow(BufferData... buffers) {
        timed(() -> delegate.writeNow(buffers));
    }

    @Override
    public void writeNow(BufferData buffer) {
        timed(() -> delegate.writeNow(buffer));
    }

    @Override
    public void flush() {
        timed(delegate::flush);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void timed(Runnable write) {
        connection.writeStarted();
        try {
            write.run();
        } finally {
            connection.writeEnded();
        }
    }
}
