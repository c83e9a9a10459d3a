package dev.braid.app.deploy;

import java.io.Serial;

/**
 * A deployment file cannot be used: missing, not YAML, or not a service
 * tree. The message names the file and the place in it; the launcher prints
 * it as "Failed to load application: ..." and exits 1, as twistd does for a
 * broken .tac file.
 *
 * <pre>{@code
 * try { DeploymentFile.load(path); } catch (DeploymentException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class DeploymentException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public DeploymentException(String message) {
        super(message);
    }
}
