package dev.braid.tcp.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Twisted's NetstringReceiverTests (protocols/test/test_basic.py), on the parser alone. */
class NetstringReceiverTest {
    private final List<String> strings = new ArrayList<>();
    private final RecordingTransport transport = new RecordingTransport();
    private final NetstringReceiver receiver = new NetstringReceiver() {
        @Override
        protected void stringReceived(byte[] string) {
            strings.add(new String(string, StandardCharsets.UTF_8));
        }
    };

    NetstringReceiverTest() {
        receiver.makeConnection(transport);
    }

    private void feed(String data) {
        receiver.dataReceived(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void portionsOfAnyLengthAddUp() {
        String stream = "3:abc,0:,12:hello world!,";
        for (int size = 1; size <= stream.length(); size++) {
            strings.clear();
            NetstringReceiverTest fresh = new NetstringReceiverTest();
            for (int i = 0; i < stream.length(); i += size) {
                fresh.feed(stream.substring(i, Math.min(stream.length(), i + size)));
            }
            assertEquals(List.of("abc", "", "hello world!"), fresh.strings, "portions of " + size);
            assertFalse(fresh.receiver.brokenPeer());
        }
    }

    @Test
    void theMaximumLengthIsAcceptedAndOneMoreIsNot() {
        feed("99999:");
        feed("x".repeat(99999) + ",");
        assertEquals(1, strings.size());
        assertFalse(receiver.brokenPeer());
        NetstringReceiverTest over = new NetstringReceiverTest();
        over.feed("100000:");
        assertTrue(over.receiver.brokenPeer());
        assertTrue(over.transport.lost);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000", "9999999999", "05:abcde,", "00:,", ":abc,", "abc", "3abc,", "3:abcd", "-1:,"})
    void malformedInputClosesTheConnectionQuietly(String input) {
        feed(input);
        assertTrue(receiver.brokenPeer(), input);
        assertTrue(transport.lost, input);
        assertTrue(strings.isEmpty(), input);
        feed("3:abc,");   // nothing more is processed
        assertTrue(strings.isEmpty());
    }

    @Test
    void anOverlongLengthIsRefusedBeforeTheColonArrives() {
        feed("1000000");
        assertTrue(receiver.brokenPeer(), "seven digits can never be <= 99999");
        NetstringReceiverTest six = new NetstringReceiverTest();
        six.feed("99999");
        assertFalse(six.receiver.brokenPeer(), "still possible");
        six.feed("9");
        assertTrue(six.receiver.brokenPeer(), "999999 > 99999 is known without the colon");
    }

    @Test
    void aPartialZeroLengthWaits() {
        feed("0");
        assertFalse(receiver.brokenPeer());
        feed(":,");
        assertEquals(List.of(""), strings);
    }

    @Test
    void sendStringFrames() {
        receiver.sendString("poem".getBytes(StandardCharsets.UTF_8));
        assertEquals("4:poem,", transport.written.toString(StandardCharsets.UTF_8));
    }
}
