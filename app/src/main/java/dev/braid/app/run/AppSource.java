package dev.braid.app.run;

import dev.braid.deferred.service.ServiceCollection;

/**
 * What the server runs: the services to put in the application, made when
 * the runner asks (after the pid file check, as twistd loads its
 * application), plus the user and group a deployment file asks for.
 *
 * <pre>{@code
 * AppSource source = new AppSource("fastpoetry",
 *         root -> maker.makeService(options).setServiceParent(root), null, null);
 * }</pre>
 *
 * @param name the application's name, for the log
 * @param loader makes the services
 * @param uid the user to run as when {@code --uid} is absent; null for none
 * @param gid the group to run as when {@code --gid} is absent; null for none
 */
public record AppSource(String name, Loader loader, String uid, String gid) {
    /** Makes the services. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Makes the services and adds them to {@code root}, without starting them.
         *
         * @param root the application's top collection
         * @throws Exception when they cannot be made
         */
        void load(ServiceCollection root) throws Exception;
    }
}
