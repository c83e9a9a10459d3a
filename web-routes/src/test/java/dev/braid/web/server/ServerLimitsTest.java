package dev.braid.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerLimitsTest {
    @Test
    void theDefaultConnectionCapFitsTheHeap() {
        long byHeap = Runtime.getRuntime().maxMemory() / ServerLimits.HEAP_PER_CONNECTION;
        int cap = ServerLimits.defaults().effectiveMaxConnections();
        assertTrue(cap >= 64, "cap " + cap);
        assertTrue(cap <= Math.max(64, byHeap), "cap " + cap + " above one connection per 32 KiB of heap (" + byHeap + ")");
    }

    @Test
    void aGivenCapWins() {
        assertEquals(5, ServerLimits.builder().maxConnections(5).build().effectiveMaxConnections());
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServerLimits.builder().maxConnections(-1).build());
    }
}
