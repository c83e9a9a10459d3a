package dev.braid.deferred.flow;

import java.util.List;

/**
 * Why a stage has no value yet, and when to pull it again (Twisted flow's
 * {@code Instruction} / {@code CallLater}).
 *
 * <ul>
 *   <li>{@link Cooperate}: the stage gives the loop back on purpose; pull
 *       again after the delay.</li>
 *   <li>{@link Signal}: the stage waits for something outside the loop (a
 *       thread, a Deferred, pushed data); pull again when it fires.</li>
 *   <li>{@link AnyOf}: several stages wait at once (merge); pull again when
 *       the first of them is ready.</li>
 * </ul>
 */
public sealed interface Instruction permits Cooperate, Signal, Instruction.AnyOf {
    /**
     * Ready when the first of several instructions is.
     *
     * @param parts the instructions, none of them an AnyOf
     */
    record AnyOf(List<Instruction> parts) implements Instruction {
        /**
         * Creates the combination.
         *
         * @param parts the instructions
         */
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }
}
