/**
 * Twisted's Deferred, event loop, deferToThread and services for plain Java.
 *
 * <p>Depends on the JDK only. Every exported package is API, except
 * {@code dev.braid.deferred.internal}: the loop's and the Deferred's machinery,
 * exported only to Braid's own modules (some are not modules when this one is
 * compiled, hence the suppressed "module not found" warning).
 * {@code java.sql} is required transitively because {@code adbapi}'s API
 * speaks JDBC.
 */
@SuppressWarnings("module")
module dev.braid.deferred {
    requires java.logging;
    requires transitive java.sql;

    exports dev.braid.deferred;
    exports dev.braid.deferred.adbapi;
    exports dev.braid.deferred.error;
    exports dev.braid.deferred.flow;
    exports dev.braid.deferred.log;
    exports dev.braid.deferred.service;
    exports dev.braid.deferred.task;
    exports dev.braid.deferred.testing;
    exports dev.braid.deferred.threads;

    exports dev.braid.deferred.internal to dev.braid.tcp, dev.braid.trace, dev.braid.web, dev.braid.app;
}
