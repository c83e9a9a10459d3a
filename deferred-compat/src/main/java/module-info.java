/**
 * Twisted's Deferred, event loop, deferToThread and services for plain Java.
 *
 * <p>Depends on the JDK only. Every package is API; {@code java.sql} is
 * required transitively because {@code adbapi}'s API speaks JDBC.
 */
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
}
