package dev.braid.web.cgi;

import dev.braid.web.Request;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The meta-variables of RFC 3875 §4.1 for one request. */
final class CgiEnvironment {
    private CgiEnvironment() {
    }

    static Map<String, String> of(Request request, Path script) {
        Map<String, String> env = new LinkedHashMap<>();
        String host = request.getHeader("Host").orElse(request.helidonRequest().localPeer().host());
        String serverName = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        String uri = request.uri();
        int q = uri.indexOf('?');
        env.put("SERVER_SOFTWARE", "Braid");
        env.put("SERVER_NAME", serverName);
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", request.clientProto());
        env.put("SERVER_PORT", Integer.toString(request.helidonRequest().localPeer().port()));
        env.put("REQUEST_METHOD", request.method());
        env.put("SCRIPT_NAME", "/" + String.join("/", request.prepath()));
        env.put("SCRIPT_FILENAME", script.toString());
        env.put("REQUEST_URI", uri);
        env.put("QUERY_STRING", q < 0 ? "" : uri.substring(q + 1));
        env.put("CONTENT_LENGTH", Long.toString(contentLength(request)));
        request.getHeader("Content-Type").ifPresent(type -> env.put("CONTENT_TYPE", type));
        if (!request.postpath().isEmpty()) {
            env.put("PATH_INFO", "/" + String.join("/", request.postpath()));
        }
        env.put("REMOTE_ADDR", request.getClientAddress().getHostString());
        env.put("REMOTE_PORT", Integer.toString(request.getClientAddress().getPort()));
        if (request.isSecure()) {
            env.put("HTTPS", "on");
        }
        for (var header : request.helidonRequest().headers()) {
            String name = header.name().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("CONTENT_TYPE") || name.equals("CONTENT_LENGTH") || name.equals("PROXY")
                    || !name.matches("[A-Z0-9_]+")) {
                continue;   // PROXY would become HTTP_PROXY: the httpoxy hole
            }
            env.merge("HTTP_" + name, String.join(", ", header.allValues()), (a, b) -> a + ", " + b);
        }
        return env;
    }

    /**
     * The body's length: the declared one (the body is then streamed to the
     * script), else that of the body buffered now (a chunked body: RFC 3875
     * needs the length before the script starts), 0 without a body.
     */
    static long contentLength(Request request) {
        if (!request.helidonRequest().content().hasEntity()) {
            return 0;
        }
        return request.contentLength().orElseGet(() -> request.contentBytes().length);
    }
}
