/**
 * Runs Deferred scripts on Braid's Deferred and prints what Twisted prints;
 * draws the Deferred simulator's diagrams.
 */
module dev.braid.trace {
    requires dev.braid.deferred;

    exports dev.braid.trace;
    exports dev.braid.trace.simulator;
}
