package org.example.consumer;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Threads;

/** What another project writes with deferred-compat, compiled and run without --enable-preview. */
public final class WordCount {
    private WordCount() {
    }

    /**
     * Counts the words of a text off the loop, then labels the count on it.
     *
     * @param text the text
     * @return a Deferred of "N words"
     */
    public static Deferred<String> count(String text) {
        return Threads.deferToThread(() -> text.isBlank() ? 0 : text.strip().split("\\s+").length)
                .addCallback(n -> n + " words");
    }

    /**
     * The same with inline callbacks.
     *
     * @param text the text
     * @return a Deferred of "N words"
     */
    public static Deferred<String> countInline(String text) {
        return Deferreds.inline(() -> Deferreds.await(count(text)));
    }
}
