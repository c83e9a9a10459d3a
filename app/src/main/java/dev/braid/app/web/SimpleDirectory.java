package dev.braid.app.web;

import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;

import java.io.IOException;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files under a directory, for {@code braid web --path DIR} until the
 * web module's full static-file resource (ranges, ETags, index files) is
 * wired in: a file is served whole with a guessed Content-Type; a directory
 * gets an HTML listing, sub-directories first, names escaped; a directory
 * asked for without its trailing slash is redirected to it.
 *
 * <p>Nothing outside the directory is ever served: {@code .} and {@code ..}
 * segments, NUL bytes and encoded slashes are refused, and a symbolic link
 * that leads out of the directory is 404. Files larger than 64 MiB are
 * refused (500) rather than loaded into memory.
 *
 * <pre>{@code
 * Site site = Site.create(new SimpleDirectory(Path.of("public_html")));
 * }</pre>
 */
public final class SimpleDirectory extends Resource {
    private static final long MAX_FILE = 64L * 1024 * 1024;

    private final Path root;
    private final Path path;

    /**
     * Serves a directory (or a single file).
     *
     * @param root the directory; it must exist
     * @throws IllegalArgumentException if it does not exist
     */
    public SimpleDirectory(Path root) {
        this(real(root), real(root));
    }

    private SimpleDirectory(Path root, Path path) {
        this.root = root;
        this.path = path;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isLeaf() {
        return !Files.isDirectory(path);
    }

    @Override
    public Resource getChild(String name, Request request) {
        if (name.isEmpty()) {
            return this;
        }
        if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0") || name.contains("\\")) {
            return ErrorPage.noResource();
        }
        Path child = path.resolve(name);
        try {
            Path realChild = child.toRealPath();
            if (!realChild.startsWith(root)) {
                return ErrorPage.noResource();
            }
            return new SimpleDirectory(root, realChild);
        } catch (IOException e) {
            return ErrorPage.noResource();
        }
    }

    @Override
    protected Object renderGet(Request request) throws IOException {
        if (Files.isDirectory(path)) {
            if (!request.path().endsWith("/")) {
                request.redirect(request.path() + "/");
                return "";
            }
            return listing(request.path());
        }
        long size = Files.size(path);
        if (size > MAX_FILE) {
            throw new IOException(path.getFileName() + " is larger than " + MAX_FILE + " bytes");
        }
        String type = Files.probeContentType(path);
        if (type == null) {
            type = URLConnection.guessContentTypeFromName(path.getFileName().toString());
        }
        request.setHeader("Content-Type", type == null ? "application/octet-stream" : type);
        return Files.readAllBytes(path);
    }

    private String listing(String urlPath) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(path)) {
            list.forEach(entries::add);
        }
        entries.sort(Comparator.comparing((Path p) -> !Files.isDirectory(p)).thenComparing(p -> p.getFileName().toString()));
        String title = escape(urlPath);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Directory listing for ")
                .append(title).append("</title></head><body>\n<h1>Directory listing for ").append(title).append("</h1>\n<ul>\n");
        for (Path entry : entries) {
            String name = entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : "");
            html.append("<li><a href=\"").append(escape(URLEncoder.encode(name, StandardCharsets.UTF_8)
                            .replace("+", "%20").replace("%2F", "/")))
                    .append("\">").append(escape(name)).append("</a></li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
