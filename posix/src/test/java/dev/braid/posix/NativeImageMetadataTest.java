package dev.braid.posix;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every libc call this library links must be registered for native-image, or a native binary fails at run time. */
class NativeImageMetadataTest {
    private static final String METADATA = "/META-INF/native-image/dev.braid/posix/reachability-metadata.json";
    private static final Pattern DOWNCALL = Pattern.compile(
            "\\{\\s*\"returnType\": \"([^\"]+)\",\\s*\"parameterTypes\": \\[([^\\]]*)\\](?:,\\s*\"options\": \\{([^}]*)\\})?\\s*\\}");

    @Test
    void everyDowncallShapeIsRegistered() throws IOException {
        Posix.getuid(); // links every handle of both classes
        LinuxNet.close(-1);
        Set<String> registered = registered();
        assertTrue(Downcalls.SHAPES.size() > 20, "not every handle was linked: " + Downcalls.SHAPES);
        for (String shape : Downcalls.SHAPES) {
            assertTrue(registered.contains(shape), "not in " + METADATA + ": " + shape + "\nregistered: " + registered);
        }
    }

    @Test
    void signalsAreRegisteredForReflection() throws IOException {
        String text = read();
        assertTrue(text.contains("\"sun.misc.Signal\""));
        assertTrue(text.contains("\"proxy\""));
    }

    private static Set<String> registered() throws IOException {
        Set<String> shapes = new HashSet<>();
        Matcher matcher = DOWNCALL.matcher(read());
        while (matcher.find()) {
            String parameters = matcher.group(2).replaceAll("[\"\\s]", "");
            String options = matcher.group(3) == null ? "" : matcher.group(3);
            StringBuilder shape = new StringBuilder(matcher.group(1)).append('(').append(parameters).append(')');
            if (options.contains("\"captureCallState\": true")) {
                shape.append(" errno");
            }
            Matcher variadic = Pattern.compile("\"firstVariadicArg\": (\\d+)").matcher(options);
            if (variadic.find()) {
                shape.append(" variadic=").append(variadic.group(1));
            }
            shapes.add(shape.toString());
        }
        return shapes;
    }

    private static String read() throws IOException {
        try (InputStream in = NativeImageMetadataTest.class.getResourceAsStream(METADATA)) {
            assertNotNull(in, METADATA);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
