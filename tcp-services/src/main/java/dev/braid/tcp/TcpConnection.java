package dev.braid.tcp;

import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.deferred.internal.LoopInternals;
import dev.braid.deferred.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A connected socket driven by up to three virtual threads: the connection's
 * event loop (where every protocol callback runs), a reader that hands
 * received chunks to the loop, and a writer that sends queued bytes in order.
 *
 * <p>Threads start only when needed. Bytes written while the socket's send
 * buffer surely has room go out at once from the loop's thread (writes made in
 * {@code connectionMade} when it returns, as Twisted sends nothing before
 * that); the writer thread starts the first time that cannot be known, and
 * from then on sends everything, in order. A connection closed in
 * {@code connectionMade} (the fast poetry server) never starts a reader either:
 * the poem goes out and the socket closes on the loop's thread.
 *
 * <p>At most {@link #READS_IN_FLIGHT} chunks wait for the loop at once, so a
 * slow protocol slows reading instead of filling memory; the send queue is
 * bounded as {@link Transport} describes.
 */
final class TcpConnection implements Transport {
    static final int READS_IN_FLIGHT = 16;
    /** What a write from the loop's thread is counted as beyond its bytes (the kernel's bookkeeping of it). */
    private static final int DIRECT_WRITE_OVERHEAD = 1024;
    /** The first read buffer: most protocol messages fit, and a short connection zeroes no more. */
    private static final int FIRST_READ_SIZE = 8 * 1024;
    /** The read buffer grows to this (Twisted reads 64 KiB at a time) while reads fill it. */
    private static final int READ_SIZE = 64 * 1024;

    private final Socket socket;
    private final Protocol protocol;
    private final EventLoop loop;
    private final Consumer<Failure> afterLost;
    private final Semaphore readSlots = new Semaphore(READS_IN_FLIGHT);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private volatile long queued;        // written under lock; read without it (a snapshot)
    private boolean closeAfterFlush;     // guarded by lock
    private volatile boolean closed;     // written under lock: the socket is being / has been closed
    private boolean closedByUs;          // guarded by lock: by loseConnection, abortConnection or the end
    private volatile boolean readPaused; // written under lock; the reader looks without it first
    private boolean disconnecting;       // loop thread
    private boolean lost;                // loop thread
    private boolean aborted;             // loop thread
    private Producer producer;           // loop thread
    private boolean producerPaused;      // loop thread
    private boolean making = true;       // loop thread: connectionMade has not returned yet
    private boolean writerStarted;       // loop thread
    private long directBudget = -1;      // loop thread: bytes that may still be written without a writer
    private OutputStream directOut;      // loop thread

    /**
     * Wraps a connected socket.
     *
     * @param socket the socket
     * @param protocol the protocol for it
     * @param name the loop's name (thread names, logs)
     * @param afterLost called on the loop after the protocol's connectionLost
     */
    TcpConnection(Socket socket, Protocol protocol, String name, Consumer<Failure> afterLost) {
        this.socket = socket;
        this.protocol = protocol;
        this.afterLost = afterLost;
        this.loop = EventLoop.create(name);
    }

    /** Runs the connection on the calling thread until it has ended. */
    void run() {
        loop.callFromThread(() -> {     // the first event (no startup trigger to make)
            try {
                protocol.makeConnection(this);
            } catch (RuntimeException e) {
                Log.err(e, "connectionMade failed on " + loop.name());
                abortConnection();
            }
            making = false;
            // Only now, as Twisted sends nothing before connectionMade returns:
            // an abortConnection there drops every byte written before it.
            sendQueued();
            if (!lost && !isClosed()) {
                Thread.ofVirtual().name(loop.name() + "-reader").start(this::readForever);
            }
        });
        try {
            loop.run();
        } finally {
            closeSocketHere();
        }
    }

    // ------------------------------------------------------------------ reading

    private void readForever() {
        byte[] buffer = new byte[FIRST_READ_SIZE];
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                awaitReadingAllowed();
                int n = in.read(buffer);
                if (n < 0) {
                    post(() -> connectionLost(new Failure(new ConnectionDone())));
                    return;
                }
                readSlots.acquire();
                byte[] chunk = Arrays.copyOf(buffer, n);
                if (n == buffer.length && buffer.length < READ_SIZE) {
                    buffer = new byte[Math.min(READ_SIZE, buffer.length * 4)];   // a bulk sender: read more at once
                }
                post(() -> {
                    readSlots.release();
                    if (!lost && !disconnecting) {     // as in Twisted, loseConnection stops reading
                        try {
                            protocol.dataReceived(chunk);
                        } catch (RuntimeException e) {
                            Log.err(e, "dataReceived failed on " + loop.name() + "; closing");
                            abortConnection();
                        }
                    }
                });
            }
        } catch (IOException | InterruptedException e) {
            post(() -> connectionLost(new Failure(wasClosedHere()
                    ? new ConnectionDone()
                    : new ConnectionLost("Connection to the other side was lost in a non-clean fashion.", e))));
        }
    }

    private void awaitReadingAllowed() throws InterruptedException {
        if (!readPaused || closed) {
            return;   // the common case, without contending with the loop for the lock
        }
        lock.lock();
        try {
            while (readPaused && !closed) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean wasClosedHere() {
        lock.lock();
        try {
            return closedByUs;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ writing

    private void writeForever() {
        try (OutputStream out = socket.getOutputStream()) {
            while (true) {
                byte[] next;
                lock.lock();
                try {
                    while (queue.isEmpty() && !closeAfterFlush && !closed) {
                        changed.await();
                    }
                    if (closed) {
                        return;
                    }
                    next = queue.pollFirst();
                    if (next == null) {   // flushed, and asked to close
                        closedByUs = true;
                        closeSocketLocked();
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                out.write(next);
                out.flush();
                long left;
                lock.lock();
                try {
                    queued -= next.length;
                    left = queued;
                } finally {
                    lock.unlock();
                }
                if (left <= HIGH_WATER_MARK / 2) {
                    post(this::maybeResumeProducer);
                }
            }
        } catch (IOException | InterruptedException e) {
            // The peer is gone (or the socket was closed here): report a loss unless we closed it.
            if (!wasClosedHere()) {
                post(() -> connectionLost(new Failure(new ConnectionLost(
                        "Connection to the other side was lost in a non-clean fashion.", e))));
            }
            closeSocket();
        }
    }

    /**
     * Sends what connectionMade queued, then honours a loseConnection made
     * there: at once from this thread when the bytes surely fit the socket's
     * buffer, else through the writer thread (loop thread).
     */
    private void sendQueued() {
        if (lost || isClosed()) {
            return;
        }
        List<byte[]> chunks;
        boolean closeNow;
        lock.lock();
        try {
            chunks = new ArrayList<>(queue);
            closeNow = closeAfterFlush;
        } finally {
            lock.unlock();
        }
        if (!chunks.isEmpty() && !fitsDirectly(chunks)) {
            startWriter();
            return;
        }
        lock.lock();
        try {
            queue.clear();
            queued = 0;
        } finally {
            lock.unlock();
        }
        if (writeDirectly(chunks) && closeNow) {
            closeDirectly();
        }
    }

    /** Whether these bytes may go out from the loop's thread without any chance of blocking it. */
    private boolean fitsDirectly(List<byte[]> chunks) {
        if (writerStarted) {
            return false;
        }
        if (directBudget < 0) {
            directBudget = initialSendBuffer(socket) / 2;   // Linux reports twice the payload room
        }
        long cost = 0;
        for (byte[] chunk : chunks) {
            cost += chunk.length + DIRECT_WRITE_OVERHEAD;
        }
        if (cost > directBudget) {
            return false;
        }
        directBudget -= cost;
        return true;
    }

    /** Writes on the loop's thread; a failure is the connection's loss, as in the writer. Returns whether it worked. */
    private boolean writeDirectly(List<byte[]> chunks) {
        if (chunks.isEmpty()) {
            return true;
        }
        try {
            if (directOut == null) {
                directOut = socket.getOutputStream();
            }
            for (byte[] chunk : chunks) {
                directOut.write(chunk);
            }
            directOut.flush();
            return true;
        } catch (IOException e) {
            if (!wasClosedHere()) {     // reported as the writer thread would: later, not inside write()
                post(() -> connectionLost(new Failure(new ConnectionLost(
                        "Connection to the other side was lost in a non-clean fashion.", e))));
            }
            return false;
        }
    }

    /**
     * The send buffer a new socket starts with, asked of the first socket only:
     * every socket starts alike, and the kernel only ever grows a buffer, so
     * the first value stays a safe bound (and saves a system call per connection).
     */
    private static int initialSendBuffer(Socket socket) {
        int known = initialSendBuffer;
        if (known == 0) {
            try {
                known = Math.max(1, socket.getSendBufferSize());
            } catch (IOException e) {
                return 0;   // unknown: write nothing from the loop's thread
            }
            initialSendBuffer = known;
        }
        return known;
    }

    private static volatile int initialSendBuffer;

    /** loseConnection with nothing left to send and no writer: close now and report it. */
    private void closeDirectly() {
        closeSocketHere();
        post(() -> connectionLost(new Failure(new ConnectionDone())));
    }

    private void startWriter() {
        if (!writerStarted) {
            writerStarted = true;
            Thread.ofVirtual().name(loop.name() + "-writer").start(this::writeForever);
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] data) {
        byte[] copy = data.clone();
        if (!onLoop(() -> write(copy)) && !aborted && !lost) {
            enqueue(List.of(copy));
        }
    }

    @Override
    public void writeSequence(List<byte[]> chunks) {
        List<byte[]> copies = chunks.stream().map(byte[]::clone).toList();
        if (!onLoop(() -> writeSequence(copies)) && !aborted && !lost) {
            enqueue(copies);
        }
    }

    private void enqueue(List<byte[]> chunks) {
        if (!making && !writerStarted && bufferedBytes() == 0 && fitsDirectly(chunks)) {
            writeDirectly(chunks);
            return;
        }
        if (!making) {
            startWriter();
        }
        long total;
        lock.lock();
        try {
            for (byte[] chunk : chunks) {
                if (chunk.length > 0) {
                    queue.addLast(chunk);
                    queued += chunk.length;
                }
            }
            total = queued;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (total > HARD_LIMIT) {
            Log.msg("Aborting " + loop.name() + ": " + total + " bytes queued for a peer that does not read");
            abortConnection();
        } else if (total > HIGH_WATER_MARK && producer != null && !producerPaused) {
            producerPaused = true;
            producer.pauseProducing();
        }
    }

    private void maybeResumeProducer() {
        if (producer != null && producerPaused && bufferedBytes() <= HIGH_WATER_MARK / 2 && !lost) {
            producerPaused = false;
            producer.resumeProducing();
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes once everything written has been sent. As in Twisted, what the
     * current event still writes after this call (a protocol answering several
     * requests that arrived together) goes out first: in connectionMade the
     * queue is sent as a whole when it returns; later, the close waits for the
     * end of the event.
     */
    @Override
    public void loseConnection() {
        if (onLoop(this::loseConnection) || disconnecting || lost) {
            return;
        }
        disconnecting = true;
        if (making) {
            closeAfterFlush();
        } else if (!LoopInternals.tryCallFromThread(loop, this::closeWhenSent)) {
            closeWhenSent();    // the loop has ended: no event follows this one
        }
    }

    private void closeWhenSent() {
        if (lost || aborted) {
            return;
        }
        if (!writerStarted) {
            closeDirectly();    // everything written so far went out already
        } else {
            closeAfterFlush();
        }
    }

    private void closeAfterFlush() {
        lock.lock();
        try {
            closeAfterFlush = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abortConnection() {
        if (onLoop(this::abortConnection) || lost) {
            return;
        }
        disconnecting = true;
        aborted = true;
        try {
            socket.setSoLinger(true, 0); // a reset, not a polite close
        } catch (IOException ignored) {
            // closing anyway
        }
        closeSocketHere();
        post(() -> connectionLost(new Failure(new ConnectionLost("Connection was aborted locally."))));
    }

    private void connectionLost(Failure reason) {
        if (lost) {
            return;
        }
        lost = true;
        disconnecting = true;
        closeSocketHere();
        Failure finalReason = aborted
                ? new Failure(new ConnectionLost("Connection was aborted locally."))
                : reason;
        if (producer != null) {
            producer.stopProducing();
            producer = null;
        }
        try {
            protocol.connectionLost(finalReason);
        } catch (RuntimeException e) {
            Log.err(e, "connectionLost failed on " + loop.name());
        }
        try {
            afterLost.accept(finalReason);
        } finally {
            if (loop.isRunning()) {
                loop.stop();
            }
        }
    }

    /** Closes the socket on purpose: a read or write failing afterwards is not a loss. */
    private void closeSocketHere() {
        lock.lock();
        try {
            closedByUs = true;
            closeSocketLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeSocket() {
        lock.lock();
        try {
            closeSocketLocked();
        } finally {
            lock.unlock();
        }
    }

    private void closeSocketLocked() {
        if (!closed) {
            closed = true;
            queue.clear();
            queued = 0;
            changed.signalAll();
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    // ------------------------------------------------------------------ the rest of Transport

    @Override
    public InetSocketAddress getPeer() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public InetSocketAddress getHost() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void pauseProducing() {
        setReadPaused(true);
    }

    @Override
    public void resumeProducing() {
        setReadPaused(false);
    }

    private void setReadPaused(boolean paused) {
        lock.lock();
        try {
            readPaused = paused;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void registerProducer(Producer newProducer) {
        if (!onLoop(() -> registerProducer(newProducer))) {
            producer = newProducer;
            producerPaused = false;
        }
    }

    @Override
    public void unregisterProducer() {
        if (!onLoop(this::unregisterProducer)) {
            producer = null;
        }
    }

    @Override
    public long bufferedBytes() {
        return queued;
    }

    @Override
    public boolean disconnecting() {
        return disconnecting;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    private void post(Runnable event) {
        try {
            loop.callFromThread(event);
        } catch (IllegalStateException stopped) {
            // the connection already ended
        }
    }

    private boolean onLoop(Runnable action) {
        if (loop.inLoopThread() || loop.isStopped()) {
            return false;
        }
        post(action);
        return true;
    }

    @Override
    public String toString() {
        return "TcpConnection[" + getHost() + " <-> " + getPeer() + "]";
    }
}
