package dev.braid.tcp.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Twisted's LineReceiverTests essentials: splitting, the length limit, raw mode. */
class LineReceiverTest {
    private final List<String> events = new ArrayList<>();
    private final RecordingTransport transport = new RecordingTransport();

    private LineReceiver receiver(int max) {
        LineReceiver receiver = new LineReceiver() {
            @Override
            protected int maxLength() {
                return max;
            }

            @Override
            protected void lineReceived(byte[] line) {
                String text = new String(line, StandardCharsets.UTF_8);
                events.add("line:" + text);
                if (text.equals("raw")) {
                    setRawMode();
                }
            }

            @Override
            protected void rawDataReceived(byte[] data) {
                String text = new String(data, StandardCharsets.UTF_8);
                int end = text.indexOf('|');
                events.add("raw:" + (end < 0 ? text : text.substring(0, end)));
                if (end >= 0) {
                    setLineMode(text.substring(end + 1).getBytes(StandardCharsets.UTF_8));
                }
            }
        };
        receiver.makeConnection(transport);
        return receiver;
    }

    private static void feed(LineReceiver receiver, String data) {
        receiver.dataReceived(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAcrossChunks() {
        LineReceiver receiver = receiver(100);
        feed(receiver, "one\r\ntw");
        feed(receiver, "o\r\n\r\nthree");
        assertEquals(List.of("line:one", "line:two", "line:"), events);
        feed(receiver, "\r\n");
        assertEquals("line:three", events.getLast());
    }

    @Test
    void aLineOverTheMaximumClosesTheConnection() {
        LineReceiver receiver = receiver(10);
        feed(receiver, "0123456789\r\n");
        assertFalse(transport.lost, "exactly the maximum is fine");
        feed(receiver, "0123456789A\r\n");
        assertTrue(transport.lost);
        LineReceiverTest undelimited = new LineReceiverTest();
        LineReceiver other = undelimited.receiver(10);
        feed(other, "x".repeat(12));
        assertTrue(undelimited.transport.lost, "no delimiter within max + delimiter length");
    }

    @Test
    void rawModeAndBack() {
        LineReceiver receiver = receiver(100);
        feed(receiver, "raw\r\nbinary|back\r\n");
        assertEquals(List.of("line:raw", "raw:binary", "line:back"), events);
    }

    @Test
    void sendLineAddsTheDelimiter() {
        receiver(100).sendLine("hi");
        assertEquals("hi\r\n", transport.written.toString(StandardCharsets.UTF_8));
    }
}
