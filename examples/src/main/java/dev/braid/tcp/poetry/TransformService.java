package dev.braid.tcp.poetry;

import dev.braid.deferred.service.BaseService;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The poetry transformations, separate from any protocol (the tutorial's
 * {@code TransformService}). Only the transforms registered here can be
 * called — the Java form of the tutorial's {@code xform_} name guard, so a
 * client can never reach another method by naming it.
 *
 * <p>Poems are bytes, as in Twisted: a transform changes only the bytes it
 * means to change, so a poem in any encoding (Latin-1, UTF-8, ...) comes back
 * byte for byte except for those.
 * <ul>
 *   <li>{@code cummingsify}: lower-cases the ASCII letters (Python's
 *       {@code bytes.lower()}, what the tutorial's server does).</li>
 *   <li>{@code shout}: upper-cases the ASCII letters.</li>
 *   <li>{@code reverse}: reverses the order of the lines ({@code \n}-ended).</li>
 * </ul>
 */
public final class TransformService extends BaseService {
    private final Map<String, UnaryOperator<byte[]>> transforms = new TreeMap<>();

    /** Creates the service with the built-in transforms. */
    public TransformService() {
        super("transform");
        transforms.put("cummingsify", poem -> asciiCase(poem, false));
        transforms.put("shout", poem -> asciiCase(poem, true));
        transforms.put("reverse", TransformService::reverseLines);
    }

    /**
     * Applies a transform.
     *
     * @param name the transform's name
     * @param poem the poem's bytes (not changed)
     * @return the transformed poem, or empty if there is no such transform
     * @throws RuntimeException whatever the transform throws
     */
    public Optional<byte[]> xform(String name, byte[] poem) {
        UnaryOperator<byte[]> transform = transforms.get(name);
        return transform == null ? Optional.empty() : Optional.of(transform.apply(poem.clone()));
    }

    /**
     * Returns the names of the transforms.
     *
     * @return the names, sorted
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(transforms.keySet());
    }

    private static byte[] asciiCase(byte[] poem, boolean upper) {
        for (int i = 0; i < poem.length; i++) {
            byte b = poem[i];
            if (upper && b >= 'a' && b <= 'z') {
                poem[i] = (byte) (b - 32);
            } else if (!upper && b >= 'A' && b <= 'Z') {
                poem[i] = (byte) (b + 32);
            }
        }
        return poem;
    }

    private static byte[] reverseLines(byte[] poem) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < poem.length; i++) {
            if (poem[i] == '\n') {
                lines.add(Arrays.copyOfRange(poem, start, i));
                start = i + 1;
            }
        }
        boolean endsWithNewline = start == poem.length;
        if (!endsWithNewline) {
            lines.add(Arrays.copyOfRange(poem, start, poem.length));
        }
        Collections.reverse(lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream(poem.length);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines.get(i));
        }
        if (endsWithNewline && !lines.isEmpty()) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "TransformService" + names();
    }
}
