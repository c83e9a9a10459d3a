package dev.braid.tcp.flow;

import dev.braid.deferred.flow.Emitter;

/**
 * The behaviour of a connection written as a flow: straight-line code that
 * consumes the incoming data with {@code out.each(conn.incoming())}, writes,
 * and may cooperate or await Deferreds through {@code out}. It runs as a
 * {@link dev.braid.deferred.flow.Flow#generate generator}, in lock-step with
 * the connection's loop, so it never blocks the loop. When it returns the
 * connection is closed after the pending writes; when it throws, the error is
 * logged and the connection aborted.
 */
@FunctionalInterface
public interface FlowBody {
    /**
     * Runs the connection.
     *
     * @param conn the connection
     * @param out the generator's emitter (its values are ignored)
     * @throws Exception anything: logged, and the connection is aborted
     */
    void run(FlowConnection conn, Emitter<Object> out) throws Exception;
}
