package dev.braid.app.testplugins;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.ValueType;
import dev.braid.app.plugin.ServiceMaker;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.service.BaseService;
import dev.braid.deferred.service.Service;
import dev.braid.posix.Posix;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * A third-party plugin for the launcher's tests, independent of Braid's own
 * TCP layer: binds a port in {@code privilegedStartService} (before braid
 * drops privileges), logs {@code port-plugin starting on N}, and answers each
 * connection with one line: the uid and gid the process runs as.
 */
public final class PortPlugin implements ServiceMaker {
    @Override
    public String name() {
        return "port-plugin";
    }

    @Override
    public String description() {
        return "Answers each connection with its process's uid and gid (a test plugin).";
    }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("port-plugin")
                .param("port", 'p', "0", "the port", ValueType.PORT)
                .build();
    }

    @Override
    public Service makeService(ParsedOptions options) {
        return new PortService(options.integer("port"));
    }

    /** The service. */
    static final class PortService extends BaseService {
        private static final Logger LOG = Logger.getLogger("port-plugin");
        private final int port;
        private ServerSocket socket;

        PortService(int port) {
            this.port = port;
        }

        @Override
        public void privilegedStartService() {
            super.privilegedStartService();
            try {
                socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new UncheckedIOException("Couldn't listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
            LOG.info("port-plugin starting on " + socket.getLocalPort());
        }

        @Override
        public void startService() {
            super.startService();
            ServerSocket listening = socket;
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try (Socket client = listening.accept(); OutputStream out = client.getOutputStream()) {
                        String identity = "uid=" + Posix.getuid() + " gid=" + Posix.getgid() + "\n";
                        out.write(identity.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public Deferred<?> stopService() {
            super.stopService();
            try {
                socket.close();
            } catch (IOException e) {
                return Deferreds.fail(e);
            }
            LOG.info("(port-plugin port " + socket.getLocalPort() + " closed)");
            return Deferreds.succeed(null);
        }
    }
}
