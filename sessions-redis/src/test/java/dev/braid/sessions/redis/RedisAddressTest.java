package dev.braid.sessions.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reading redis://HOST:PORT/DB, and saying clearly what is wrong with a bad one. */
class RedisAddressTest {
    @Test
    void readsHostPortDatabaseAndPassword() {
        assertEquals(new RedisAddress(false, "127.0.0.1", 6380, 3, null, null), RedisAddress.parse("redis://127.0.0.1:6380/3"));
        assertEquals(new RedisAddress(false, "cache", 6379, 0, null, null), RedisAddress.parse("redis://cache"));
        assertEquals(new RedisAddress(false, "cache", 6379, 0, null, null), RedisAddress.parse(" redis://cache:6379/ "));
        assertEquals(new RedisAddress(true, "cache", 6379, 1, null, "s3cret"), RedisAddress.parse("rediss://:s3cret@cache/1"));
        assertEquals(new RedisAddress(false, "cache", 6379, 0, "app", "p+w"), RedisAddress.parse("redis://app:p+w@cache"));
        assertEquals(new RedisAddress(false, "::1", 6379, 0, null, null), RedisAddress.parse("redis://[::1]:6379/0"));
    }

    @Test
    void printsWithoutThePassword() {
        assertEquals("redis://127.0.0.1:6379/2", RedisAddress.parse("redis://127.0.0.1/2").toString());
        assertEquals("rediss://:***@cache:6379/0", RedisAddress.parse("rediss://:s3cret@cache").toString());
        assertEquals("redis://app:***@cache:6379/0", RedisAddress.parse("redis://app:pw@cache").toString());
        assertEquals("redis://[::1]:6379/0", RedisAddress.parse("redis://[::1]").toString());
    }

    @Test
    void badAddressesAreNamed() {
        assertMessage("'http://x:6379/0' is not a redis://HOST:PORT/DB address", "http://x:6379/0");
        assertMessage("'localhost:6379' is not a redis://HOST:PORT/DB address", "localhost:6379");
        assertMessage("'redis:///0' names no host (redis://HOST:PORT/DB)", "redis:///0");
        assertMessage("'redis://x:99999/0': port 99999 is not between 1 and 65535", "redis://x:99999/0");
        assertMessage("'redis://x/zero': the database must be a number such as /0, not /zero", "redis://x/zero");
        assertMessage("'redis://x/-1': the database must be a number such as /0, not /-1", "redis://x/-1");
        assertMessage("'redis://x/0?timeout=1': a redis address takes no ?query or #fragment", "redis://x/0?timeout=1");
        assertMessage("'redis://x y' is not a URI: Illegal character in authority", "redis://x y");
    }

    private static void assertMessage(String expected, String address) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RedisSessions.builder(address));
        assertEquals(expected, error.getMessage());
    }
}
