package dev.braid.web.file;

import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.internal.Html;
import dev.braid.web.internal.HttpDates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves a directory tree or a file (Twisted's {@code static.File}).
 *
 * <ul>
 *   <li>Files with their content type and encoding ({@link MimeTypes}),
 *       {@code Last-Modified} (IMF-fixdate), a strong {@code ETag},
 *       {@code Accept-Ranges}, 304 for a matching {@code If-None-Match} or an
 *       {@code If-Modified-Since} (any of HTTP's three date formats) not older
 *       than the file (whole seconds), single ranges (206), several ranges
 *       ({@code multipart/byteranges}; overlapping ones merged, more than
 *       {@value ByteRanges#MAX_PARTS} parts answered with the whole file),
 *       416 with {@code bytes *}{@code /N} when nothing is satisfiable
 *       (Twisted answers 500 for the multi-range case), invalid Range headers
 *       ignored, and {@code If-Range} honoured only for the current strong
 *       ETag or Last-Modified date.</li>
 *   <li>Directories: the first existing index file, else an HTML listing
 *       (names escaped, directories first); without a trailing slash, a 302
 *       to the same URL with one.</li>
 *   <li>Never outside the root: {@code ..}, {@code .}, segments holding
 *       {@code /}, {@code \} or NUL, and symbolic links whose target leaves the
 *       root are all 404 "File not found." — resolved, never followed.</li>
 *   <li>Dotfiles ({@code .htpasswd}, {@code .git/}) are hidden by default:
 *       404 and left out of listings, as most servers do; {@code .well-known}
 *       (RFC 8615) stays public. {@link Builder#serveDotfiles} turns this off.</li>
 *   <li>Processors: a file whose name ends with a registered extension is
 *       served by the resource its factory makes (resource scripts use this).</li>
 * </ul>
 *
 * <pre>{@code
 * root.putChild("static", FileResource.builder(Path.of("public_html")).build());
 * }</pre>
 */
public final class FileResource extends Resource {
    private static final int CHUNK = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final Options options;

    /** What every FileResource of one tree shares. */
    private record Options(Path realRoot, List<String> indexNames, List<String> ignoredExts, String defaultType,
                           Map<String, Function<Path, Resource>> processors, boolean listDirectories,
                           boolean serveDotfiles) {
        /** Whether a name may be served and listed. */
        boolean visible(String name) {
            return serveDotfiles || !name.startsWith(".") || name.equals(".well-known");
        }
    }

    private FileResource(Path path, Options options) {
        this.path = path;
        this.options = options;
    }

    /**
     * Starts configuring a tree served from {@code root}.
     *
     * @param root a directory or a file
     * @return a builder
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /**
     * Serves {@code root} with the defaults.
     *
     * @param root a directory or a file
     * @return the resource
     */
    public static FileResource of(Path root) {
        return builder(root).build();
    }

    /**
     * Returns the file or directory this resource serves.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    @Override
    public Resource getChild(String segment, Request request) {
        if (segment.isEmpty()) {
            return Files.isDirectory(path) ? indexOrListing() : notFound();
        }
        if (!Files.isDirectory(path) || !safeSegment(segment) || !options.visible(segment)) {
            return notFound();
        }
        Path child = path.resolve(segment);
        if (!Files.exists(child, LinkOption.NOFOLLOW_LINKS)) {
            Optional<Path> sibling = options.ignoredExts().stream().map(ext -> path.resolve(segment + ext))
                    .filter(Files::isRegularFile).findFirst();
            if (sibling.isEmpty()) {
                return notFound();
            }
            child = sibling.get();
        }
        if (!insideRoot(child)) {
            return notFound();
        }
        String name = child.getFileName().toString();
        for (Map.Entry<String, Function<Path, Resource>> processor : options.processors().entrySet()) {
            if (name.endsWith(processor.getKey()) && Files.isRegularFile(child)) {
                return processor.getValue().apply(child);
            }
        }
        return new FileResource(child, options);
    }

    private static boolean safeSegment(String segment) {
        return !segment.equals(".") && !segment.equals("..") && segment.indexOf('/') < 0
                && segment.indexOf('\\') < 0 && segment.indexOf('\0') < 0;
    }

    private boolean insideRoot(Path candidate) {
        try {
            return candidate.toRealPath().startsWith(options.realRoot());
        } catch (IOException e) {
            return false;   // a broken symlink, or gone meanwhile
        }
    }

    private Resource indexOrListing() {
        for (String index : options.indexNames()) {
            Path candidate = path.resolve(index);
            if (Files.isRegularFile(candidate) && insideRoot(candidate)) {
                return new FileResource(candidate, options);
            }
        }
        return options.listDirectories() ? new DirectoryListing(path, options.realRoot(), options::visible)
                : ErrorPage.forbidden();
    }

    static ErrorPage notFound() {
        return ErrorPage.noResource("File not found.");
    }

    @Override
    protected Object renderGet(Request request) throws IOException {
        if (!Files.exists(path)) {
            return notFound().render(request);
        }
        if (Files.isDirectory(path)) {
            return redirectWithSlash(request);
        }
        if (!Files.isReadable(path)) {
            return ErrorPage.forbidden().render(request);
        }
        return serveFile(request);
    }

    /** Twisted's addSlash redirect, with its small HTML page. */
    private static Object redirectWithSlash(Request request) {
        String target = request.path() + "/" + (request.uri().contains("?")
                ? request.uri().substring(request.uri().indexOf('?')) : "");
        request.redirect(target);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String escaped = Html.escape(target);
        return "\n<html>\n    <head>\n        <meta http-equiv=\"refresh\" content=\"0;URL=" + escaped + "\">\n"
                + "    </head>\n    <body bgcolor=\"#FFFFFF\" text=\"#000000\">\n    <a href=\"" + escaped
                + "\">click here</a>\n    </body>\n</html>\n";
    }

    private Object serveFile(Request request) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        long size = attributes.size();
        long modifiedSeconds = attributes.lastModifiedTime().toInstant().getEpochSecond();
        String etag = "\"" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "-" + Long.toHexString(size)
                + "\"";
        MimeTypes.TypeAndEncoding type = MimeTypes.of(path.getFileName().toString());
        request.setHeader("Accept-Ranges", "bytes");
        request.setHeader("Last-Modified", HttpDates.format(Instant.ofEpochSecond(modifiedSeconds)));
        request.setHeader("ETag", etag);
        if (notModified(request, etag, modifiedSeconds)) {
            request.setResponseCode(304);
            request.finish();
            return NOT_DONE_YET;
        }
        String contentType = type.type().orElse(options.defaultType());
        ByteRanges.Result ranges = ifRange(request, etag, attributes.lastModifiedTime().toMillis())
                ? ByteRanges.parse(request.getHeader("Range"), size) : new ByteRanges.Whole();
        switch (ranges) {
            case ByteRanges.Unsatisfiable u -> {
                request.setResponseCode(416);
                request.setHeader("Content-Range", "bytes */" + size);
                request.setHeader("Content-Type", contentType);
                return new byte[0];
            }
            case ByteRanges.Partial(List<ByteRanges.Range> list) when list.size() == 1 -> {
                ByteRanges.Range range = list.getFirst();
                request.setResponseCode(206);
                request.setHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
                setType(request, contentType, type.encoding());
                stream(request, range.start(), range.length());
            }
            case ByteRanges.Partial(List<ByteRanges.Range> list) -> multipart(request, list, size, contentType);
            case ByteRanges.Whole w -> {
                setType(request, contentType, type.encoding());
                stream(request, 0, size);
            }
        }
        return NOT_DONE_YET;
    }

    private static void setType(Request request, String contentType, Optional<String> encoding) {
        request.setHeader("Content-Type", contentType);
        encoding.ifPresent(e -> request.setHeader("Content-Encoding", e));
    }

    private static boolean notModified(Request request, String etag, long modifiedSeconds) {
        Optional<String> ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            for (String candidate : ifNoneMatch.get().split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;   // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3)
        }
        // any of the three HTTP date formats; an unreadable date is ignored (RFC 9110 §13.1.3)
        return request.getHeader("If-Modified-Since").flatMap(HttpDates::parse)
                .map(since -> modifiedSeconds <= since.getEpochSecond()).orElse(false);
    }

    /**
     * Whether a Range header may be honoured (RFC 9110 §13.1.5): always without
     * If-Range; with it, only when it names the current strong ETag or exactly
     * the Last-Modified date, and that date is a strong validator (the file is
     * more than a second old). Otherwise the whole file is sent.
     */
    private static boolean ifRange(Request request, String etag, long modifiedMillis) {
        Optional<String> ifRange = request.getHeader("If-Range").map(String::strip);
        if (ifRange.isEmpty()) {
            return true;
        }
        String validator = ifRange.get();
        if (validator.startsWith("\"") || validator.startsWith("W/")) {
            return validator.equals(etag);   // strong comparison: a weak tag never matches
        }
        return HttpDates.parse(validator)
                .map(date -> date.getEpochSecond() == modifiedMillis / 1000
                        && modifiedMillis < System.currentTimeMillis() - 1000)
                .orElse(false);
    }

    /** Sends {@code length} bytes from {@code offset}, with a Content-Length, a chunk at a time. */
    private void stream(Request request, long offset, long length) throws IOException {
        request.setHeader("Content-Length", Long.toString(length));
        if (request.method().equals("HEAD") || length == 0) {
            request.finishWith(new byte[0]);
            return;
        }
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(offset);
            long left = length;
            while (left > 0 && !request.finished()) {
                byte[] chunk = in.readNBytes((int) Math.min(CHUNK, left));
                if (chunk.length == 0) {
                    break;   // the file shrank meanwhile
                }
                request.write(chunk);
                left -= chunk.length;
            }
        }
        request.finish();
    }

    /** Several ranges as multipart/byteranges, with an exact Content-Length (Twisted's layout). */
    private void multipart(Request request, List<ByteRanges.Range> ranges, long size, String contentType)
            throws IOException {
        String boundary = HexFormat.of().formatHex(randomBytes());
        List<byte[]> heads = new ArrayList<>();
        long total = ("\r\n--" + boundary + "--\r\n").length();
        for (ByteRanges.Range range : ranges) {
            byte[] head = ("\r\n--" + boundary + "\r\nContent-type: " + contentType + "\r\nContent-range: bytes "
                    + range.start() + "-" + range.end() + "/" + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            heads.add(head);
            total += head.length + range.length();
        }
        request.setResponseCode(206);
        request.setHeader("Content-Type", "multipart/byteranges; boundary=\"" + boundary + "\"");
        request.setHeader("Content-Length", Long.toString(total));
        if (request.method().equals("HEAD")) {
            request.finishWith(new byte[0]);
            return;
        }
        for (int i = 0; i < ranges.size(); i++) {
            request.write(heads.get(i));
            try (InputStream in = Files.newInputStream(path)) {
                in.skipNBytes(ranges.get(i).start());
                long left = ranges.get(i).length();
                while (left > 0) {
                    byte[] chunk = in.readNBytes((int) Math.min(CHUNK, left));
                    if (chunk.length == 0) {
                        throw new UncheckedIOException(new IOException("file shrank while being sent: " + path));
                    }
                    request.write(chunk);
                    left -= chunk.length;
                }
            }
        }
        request.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        request.finish();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "FileResource[" + path + "]";
    }

    /** Configures a {@link FileResource} tree. */
    public static final class Builder {
        private final Path root;
        private List<String> indexNames = List.of("index", "index.html", "index.htm");
        private List<String> ignoredExts = List.of();
        private String defaultType = "application/octet-stream";
        private final Map<String, Function<Path, Resource>> processors = new LinkedHashMap<>();
        private boolean listDirectories = true;
        private boolean serveDotfiles;

        private Builder(Path root) {
            this.root = root;
        }

        /**
         * Sets the index file names tried for a directory, in order.
         *
         * @param names for example "index.html"
         * @return this builder
         */
        public Builder indexNames(List<String> names) {
            this.indexNames = List.copyOf(names);
            return this;
        }

        /**
         * Sets extensions tried when a file is missing ({@code /hello} serves {@code hello.txt} with ".txt").
         *
         * @param extensions the extensions, with the dot
         * @return this builder
         */
        public Builder ignoredExts(List<String> extensions) {
            this.ignoredExts = List.copyOf(extensions);
            return this;
        }

        /**
         * Sets the type of files whose extension is unknown. Braid defaults to
         * {@code application/octet-stream}; Twisted uses {@code text/html}.
         *
         * @param type the content type
         * @return this builder
         */
        public Builder defaultType(String type) {
            this.defaultType = type;
            return this;
        }

        /**
         * Serves files ending with {@code extension} with the resource {@code factory} makes for them.
         *
         * @param extension for example ".rpy.java"
         * @param factory makes the resource from the file's path
         * @return this builder
         */
        public Builder processor(String extension, Function<Path, Resource> factory) {
            processors.put(extension, factory);
            return this;
        }

        /**
         * Turns directory listings on (the default) or off (403 instead).
         *
         * @param list whether to list
         * @return this builder
         */
        public Builder listDirectories(boolean list) {
            this.listDirectories = list;
            return this;
        }

        /**
         * Serves and lists names starting with a dot (off by default: they get
         * 404 and are left out of listings, except {@code .well-known}).
         *
         * @param serve whether to serve dotfiles
         * @return this builder
         */
        public Builder serveDotfiles(boolean serve) {
            this.serveDotfiles = serve;
            return this;
        }

        /**
         * Builds the resource.
         *
         * @return the resource for the root
         * @throws UncheckedIOException if the root does not exist
         */
        public FileResource build() {
            try {
                Path realRoot = root.toRealPath();
                Path base = Files.isDirectory(realRoot) ? realRoot : realRoot.getParent();
                return new FileResource(realRoot, new Options(base, indexNames, ignoredExts, defaultType,
                        Map.copyOf(processors), listDirectories, serveDotfiles));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve " + root + ": " + e.getMessage(), e);
            }
        }
    }
}
