package dev.braid.tcp.poetry;

import dev.braid.deferred.service.BaseService;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The poetry transformations, separate from any protocol (the tutorial's
 * {@code TransformService}). Only the transforms registered here can be
 * called — the Java form of the tutorial's {@code xform_} name guard, so a
 * client can never reach another method by naming it.
 *
 * <ul>
 *   <li>{@code cummingsify}: lower-cases ASCII letters (as
 *       {@code shared/peers/transform.py} does: {@code bytes.lower()}).</li>
 *   <li>{@code shout}: upper-cases ASCII letters.</li>
 *   <li>{@code reverse}: reverses the order of the lines.</li>
 * </ul>
 */
public final class TransformService extends BaseService {
    private final Map<String, UnaryOperator<String>> transforms = new TreeMap<>();

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
     * @param poem the poem
     * @return the transformed poem, or empty if there is no such transform
     * @throws RuntimeException whatever the transform throws
     */
    public Optional<String> xform(String name, String poem) {
        UnaryOperator<String> transform = transforms.get(name);
        return transform == null ? Optional.empty() : Optional.of(transform.apply(poem));
    }

    /**
     * Returns the names of the transforms.
     *
     * @return the names, sorted
     */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(transforms.keySet());
    }

    private static String asciiCase(String poem, boolean upper) {
        byte[] bytes = poem.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (upper && b >= 'a' && b <= 'z') {
                bytes[i] = (byte) (b - 32);
            } else if (!upper && b >= 'A' && b <= 'Z') {
                bytes[i] = (byte) (b + 32);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String reverseLines(String poem) {
        java.util.List<String> lines = new java.util.ArrayList<>(poem.lines().toList());
        java.util.Collections.reverse(lines);
        return String.join("\n", lines) + (poem.endsWith("\n") ? "\n" : "");
    }

    @Override
    public String toString() {
        return "TransformService" + names().toString().toLowerCase(Locale.ROOT);
    }
}
