package dev.braid.web;

import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request's body, read only when a resource asks for it: either streamed
 * once ({@link #stream()}), or buffered ({@link #bytes()}) within the
 * per-request cap and the Site's {@link BodyBudget}. A resource that never
 * asks reads nothing. Failures of the read become {@link RequestBodyError}s:
 * a malformed body is 400, a body over the cap 413, an exhausted budget 503.
 * Used from the request's loop and the threads it starts, one at a time.
 */
final class RequestBody {
    private static final byte[] EMPTY = new byte[0];
    private static final int CHUNK = 64 * 1024;

    private final ServerRequest helidon;
    private final long maxBytes;
    private final BodyBudget budget;
    private byte[] buffered;
    private CappedStream streaming;
    private long reserved;

    RequestBody(ServerRequest helidon, long maxBytes, BodyBudget budget) {
        this.helidon = helidon;
        this.maxBytes = maxBytes;
        this.budget = budget;
    }

    /**
     * Returns the body as a stream read straight from the connection, once.
     * After {@link #bytes()}, a new stream over the buffered bytes.
     *
     * @return the stream (the same one on each call while streaming)
     */
    synchronized InputStream stream() {
        if (buffered != null) {
            return new ByteArrayInputStream(buffered);
        }
        if (streaming == null) {
            streaming = new CappedStream(open(), maxBytes);
        }
        return streaming;
    }

    /**
     * Reads the whole body into memory (once), taking its size from the budget.
     *
     * @return the body; the same array on each call
     * @throws RequestBodyError for a malformed body, one over the cap, or no room in the budget
     * @throws IllegalStateException if the body was already read as a stream
     */
    synchronized byte[] bytes() {
        if (buffered != null) {
            return buffered;
        }
        if (streaming != null) {
            throw new IllegalStateException("the request body was already read as a stream");
        }
        if (!helidon.content().hasEntity()) {
            buffered = EMPTY;
            return buffered;
        }
        CappedStream in = new CappedStream(open(), maxBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(chunk, 0, chunk.length)) > 0) {
                if (!budget.tryReserve(n)) {
                    throw new RequestBodyError(503, "The server is holding too many request bodies; try again soon.",
                            null);
                }
                reserved += n;
                out.write(chunk, 0, n);
            }
        } catch (RuntimeException e) {
            release();   // the partial body is dropped now, before the error is answered
            throw e;
        }
        buffered = out.toByteArray();
        return buffered;
    }

    /**
     * Returns whether a chunked body was sent and not read to its end. Helidon
     * reads and drops an unread body after the response to keep the
     * connection; a declared length is bounded by the Site's cap (checked
     * before routing), but a chunked body has no bound, so its connection is
     * closed instead.
     *
     * @return true to close the connection after the response
     */
    synchronized boolean unreadAndUnbounded() {
        if (buffered != null || streaming != null && streaming.finished() || !helidon.content().hasEntity()) {
            return false;
        }
        return helidon.headers().contentLength().isEmpty();
    }

    /** Gives the buffered bytes back to the budget; the request has ended. */
    synchronized void release() {
        budget.release(reserved);
        reserved = 0;
    }

    private InputStream open() {
        return helidon.content().inputStream();
    }

    /** Helidon's entity stream, capped, with its failures turned into {@link RequestBodyError}s. */
    private static final class CappedStream extends InputStream {
        private final InputStream in;
        private final long max;
        private long read;
        private boolean finished;

        CappedStream(InputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        boolean finished() {
            return finished;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (RequestException e) {
                throw new RequestBodyError(e.status() == null ? 400 : e.status().code(),
                        "Malformed request body: " + e.getMessage(), e);
            } catch (IOException | UncheckedIOException e) {
                throw cutShort(e);
            } catch (RuntimeException e) {
                if (e instanceof RequestBodyError) {
                    throw e;
                }
                throw cutShort(e);   // Helidon's "connection closed" and "no more data" exceptions
            }
            if (n < 0) {
                finished = true;
                return n;
            }
            read += n;
            if (read > max) {
                throw new RequestBodyError(413, "The body is larger than " + max + " bytes.", null);
            }
            return n;
        }

        private static RequestBodyError cutShort(Exception e) {
            return new RequestBodyError(400, "The request body was cut short.", e);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
