/** The Deferred simulator's diagrams as a web page ({@link dev.braid.web.simulator.SimulatorResource}). */
package dev.braid.web.simulator;
