package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferreds;
import dev.braid.deferred.testing.Trial;
import org.junit.jupiter.api.Test;

class WordCountTest {
    @Test
    void worksWithoutPreviewOnPlainVirtualThreads() {
        assertEquals("3 words", Trial.runDeferred(loop -> WordCount.count("a rose is")));
        assertEquals("2 words", Trial.runDeferred(loop -> WordCount.countInline("two words")));
        assertTrue(Trial.runDeferred(loop -> Deferreds.succeed(loop.toString())).endsWith(", virtual subtasks]"),
                "without preview features the loop's subtasks run on plain virtual threads");
    }
}
