package dev.braid.app;

import dev.braid.app.launch.Launcher;
import dev.braid.app.run.NativeRuntime;

/**
 * The {@code braid} command: Braid's twistd. See {@link Launcher} for what it
 * does; this class only hands it the command line and exits with its status.
 *
 * <pre>{@code
 * braid -n fastpoetry --port 10000 --poem etc/poetry/ecstasy.txt
 * braid --config etc/two-poems.yaml
 * }</pre>
 */
public final class Braid {
    private Braid() {
    }

    /**
     * Runs the launcher and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        NativeRuntime.prepare(System.getenv(), System.err);
        System.exit(Launcher.standard(Braid.class, args).run());
    }
}
