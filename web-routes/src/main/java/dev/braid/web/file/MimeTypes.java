package dev.braid.web.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Content types and encodings by file extension, as Twisted's static.File
 * finds them: the system's {@code /etc/mime.types} when present, a built-in
 * table otherwise, Twisted's own overrides on top, and {@code .gz} /
 * {@code .bz2} as content encodings ({@code poem.txt.gz} is {@code text/plain}
 * with {@code Content-Encoding: gzip}).
 */
public final class MimeTypes {
    private static final Map<String, String> TYPES = load();
    private static final Map<String, String> ENCODINGS = Map.of(".gz", "gzip", ".bz2", "bzip2");

    private MimeTypes() {
    }

    /** A file's type and encoding. */
    public record TypeAndEncoding(Optional<String> type, Optional<String> encoding) {
    }

    /**
     * Looks a file name up.
     *
     * @param fileName the name
     * @return its content type (empty if unknown) and content encoding (empty if none)
     */
    public static TypeAndEncoding of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        Optional<String> encoding = Optional.empty();
        for (Map.Entry<String, String> e : ENCODINGS.entrySet()) {
            if (name.endsWith(e.getKey())) {
                encoding = Optional.of(e.getValue());
                name = name.substring(0, name.length() - e.getKey().length());
                break;
            }
        }
        int dot = name.lastIndexOf('.');
        Optional<String> type = dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot)));
        return new TypeAndEncoding(type, encoding);
    }

    private static Map<String, String> load() {
        Map<String, String> types = new HashMap<>();
        String[][] builtIn = {
            {".html", "text/html"}, {".htm", "text/html"}, {".txt", "text/plain"}, {".css", "text/css"},
            {".js", "text/javascript"}, {".mjs", "text/javascript"}, {".json", "application/json"},
            {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
            {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"}, {".ico", "image/vnd.microsoft.icon"},
            {".pdf", "application/pdf"}, {".zip", "application/zip"}, {".tar", "application/x-tar"},
            {".wasm", "application/wasm"}, {".mp3", "audio/mpeg"}, {".mp4", "video/mp4"}, {".csv", "text/csv"},
            {".bin", "application/octet-stream"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
        };
        for (String[] entry : builtIn) {
            types.put(entry[0], entry[1]);
        }
        Path system = Path.of("/etc/mime.types");
        if (Files.isReadable(system)) {
            try {
                for (String line : Files.readAllLines(system, StandardCharsets.UTF_8)) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length < 2 || fields[0].startsWith("#")) {
                        continue;
                    }
                    for (int i = 1; i < fields.length; i++) {
                        types.putIfAbsent("." + fields[i].toLowerCase(Locale.ROOT), fields[0]);
                    }
                }
            } catch (IOException ignored) {
                // the built-in table is enough
            }
        }
        // Twisted's own additions (static.loadMimeTypes)
        for (String ext : new String[] {".conf", ".diff", ".java", ".patch"}) {
            types.put(ext, "text/plain");
        }
        types.put(".flac", "audio/x-flac");
        types.put(".oz", "text/x-oz");
        types.put(".swf", "application/x-shockwave-flash");
        types.put(".wml", "text/vnd.wap.wml");
        types.put(".xul", "application/vnd.mozilla.xul+xml");
        return Map.copyOf(types);
    }
}
