package dev.braid.sessions.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script that Redis runs atomically: sent by its SHA-1 (EVALSHA), and
 * in full (EVAL) only when Redis does not know it yet — the first time, or
 * after a restart emptied its script cache.
 */
final class Script {
    /** A new session: its creation time, and its expiry. */
    static final Script CREATE = new Script("""
            redis.call('HSET', KEYS[1], 'created', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""");

    /** Adds to a counter of a live session (pushing its expiry); nil when the session is gone. */
    static final Script INCREMENT = new Script("""
            if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return false end
            return redis.call('HINCRBY', KEYS[1], ARGV[2], ARGV[3])""");

    /** Sets a value of a live session (pushing its expiry); nil when the session is gone. */
    static final Script PUT = new Script("""
            if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 0 then return false end
            redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
            return 1""");

    /** Deletes a session and tells every server, which expire their own objects of it. */
    static final Script DELETE = new Script("""
            redis.call('DEL', KEYS[1])
            redis.call('PUBLISH', ARGV[1], ARGV[2])
            return 1""");

    private final String text;
    private final String sha;

    private Script(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /**
     * Runs the script.
     *
     * @param commands the connection's commands
     * @param keys its KEYS
     * @param args its ARGV
     * @return its integer reply, null for nil
     */
    CompletableFuture<Long> run(RedisAsyncCommands<String, String> commands, String[] keys, String... args) {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        commands.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                reply.complete(value);
            } else if (unwrap(error) instanceof RedisNoScriptException) {
                commands.<Long>eval(text, ScriptOutputType.INTEGER, keys, args).whenComplete((again, failure) -> {
                    if (failure == null) {
                        reply.complete(again);
                    } else {
                        reply.completeExceptionally(unwrap(failure));
                    }
                });
            } else {
                reply.completeExceptionally(unwrap(error));
            }
        });
        return reply;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
