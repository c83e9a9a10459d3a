/**
 * The Twisted Introduction's Deferred simulator: draws a callback chain and
 * its firing patterns as ASCII ({@link dev.braid.trace.simulator.DeferredSimulator},
 * {@code bin/braid-deferred-simulator}) or SVG ({@link dev.braid.trace.simulator.SvgCanvas}),
 * by firing a real Braid Deferred.
 */
package dev.braid.trace.simulator;
