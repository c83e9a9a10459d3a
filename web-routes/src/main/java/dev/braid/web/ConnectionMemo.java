package dev.braid.web;

import dev.braid.web.session.Session;
import dev.braid.web.session.SessionManager;
import io.helidon.webserver.http.ServerRequest;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the requests of one keep-alive connection can share instead of working
 * it out again: the client's address, the parse of the Cookie header they
 * repeat, and the session it names. Held per thread: HTTP/1 serves a connection's requests one after
 * another on one thread, so the memo belongs to that connection and dies with
 * it (an HTTP/2 stream has its own thread and gains nothing, loses nothing).
 * Every reuse is checked against the request at hand — the same header text,
 * the same session store and id, a session its store says is current — so a reuse is always
 * what a fresh lookup would have found.
 */
final class ConnectionMemo {
    private static final ThreadLocal<ConnectionMemo> OF_THREAD = ThreadLocal.withInitial(ConnectionMemo::new);

    private String peerSocketId;
    private SocketAddress peer;
    private String cookieHeader;
    private Map<String, String> cookies;
    private SessionManager sessions;
    private String sessionUid;
    private Session session;

    private ConnectionMemo() {
    }

    /** The memo of the connection served by the calling thread. */
    static ConnectionMemo current() {
        return OF_THREAD.get();
    }

    /** The client's address: the previous request's when it came over the same connection (same socket id). */
    SocketAddress peer(ServerRequest request) {
        String socketId = socketIdOf(request);
        if (socketId == null || !socketId.equals(peerSocketId) || peer == null) {
            peer = peerOf(request);
            peerSocketId = socketId;
        }
        return peer;
    }

    private static String socketIdOf(ServerRequest request) {
        try {
            return request.socketId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SocketAddress peerOf(ServerRequest request) {
        try {
            return request.remotePeer().address();
        } catch (RuntimeException closedMeanwhile) {
            return null;
        }
    }

    /** The cookies of a Cookie header: the previous request's parse when the text is the same. */
    Map<String, String> cookies(String header, Function<String, Map<String, String>> parse) {
        if (!header.equals(cookieHeader)) {
            cookies = parse.apply(header);     // an unmodifiable map: safe to hand to the next request
            cookieHeader = header;
        }
        return cookies;
    }

    /** The live session {@code uid} names in {@code manager}: the previous request's when it is the same one. */
    Optional<Session> session(SessionManager manager, String uid) {
        Session known = session;
        if (known != null && manager == sessions && uid.equals(sessionUid) && manager.isCurrent(known)) {
            return Optional.of(known);
        }
        Optional<Session> found = manager.find(uid);
        sessions = manager;
        sessionUid = uid;
        session = found.orElse(null);
        return found;
    }
}
