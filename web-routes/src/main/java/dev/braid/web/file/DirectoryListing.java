package dev.braid.web.file;

import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.internal.Html;
import dev.braid.web.internal.UrlCodec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The HTML listing of a directory without an index file (Twisted's
 * {@code DirectoryLister}): directories first, then files, each sorted by
 * name, hidden names left out (dotfiles, unless the tree serves them), every
 * name HTML-escaped and URL-quoted, broken
 * symbolic links and links leading out of the root skipped.
 */
final class DirectoryListing extends Resource {
    private final Path directory;
    private final Path realRoot;
    private final Predicate<String> visible;

    DirectoryListing(Path directory, Path realRoot, Predicate<String> visible) {
        this.directory = directory;
        this.realRoot = realRoot;
        this.visible = visible;
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    protected Object renderGet(Request request) throws IOException {
        List<Path> directories = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!visible.test(entry.getFileName().toString())) {
                    continue;
                }
                try {
                    if (!entry.toRealPath().startsWith(realRoot)) {
                        continue;
                    }
                } catch (IOException broken) {
                    continue;
                }
                (Files.isDirectory(entry) ? directories : files).add(entry);
            }
        }
        directories.sort(null);
        files.sort(null);
        String header = "Directory listing for " + Html.escape(UrlCodec.unquote(request.uri()));
        StringBuilder rows = new StringBuilder();
        int row = 0;
        for (Path dir : directories) {
            String name = dir.getFileName().toString();
            rows.append(row(row++, quote(name) + "/", Html.escape(name) + "/", "", "[Directory]", ""));
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            MimeTypes.TypeAndEncoding type = MimeTypes.of(name);
            rows.append(row(row++, quote(name), Html.escape(name), fileSize(Files.size(file)),
                    "[" + type.type().orElse("application/octet-stream") + "]",
                    type.encoding().map(e -> "[" + e + "]").orElse("")));
        }
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + header + "</title>\n"
                + "<style>th, .even td, .odd td { padding-right: 0.5em; } .even-dir { background-color: #efe0ef }"
                + " .even { background-color: #eee } .odd-dir { background-color: #f0d0ef } .odd { background-color:"
                + " #dedede }</style>\n</head>\n<body>\n<h1>" + header + "</h1>\n<table>\n<thead>\n<tr><th>Filename</th>"
                + "<th>Size</th><th>Content type</th><th>Content encoding</th></tr>\n</thead>\n<tbody>\n" + rows
                + "</tbody>\n</table>\n</body>\n</html>\n";
    }

    private static String row(int index, String href, String text, String size, String type, String encoding) {
        return "<tr class=\"" + (index % 2 == 0 ? "odd" : "even") + "\"><td><a href=\"" + href + "\">" + text
                + "</a></td><td>" + size + "</td><td>" + Html.escape(type) + "</td><td>" + encoding + "</td></tr>\n";
    }

    private static String quote(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Twisted's formatFileSize: B, K, M, G by integer division. */
    static String fileSize(long size) {
        if (size < 1024) {
            return size + "B";
        }
        if (size < 1024L * 1024) {
            return size / 1024 + "K";
        }
        if (size < 1024L * 1024 * 1024) {
            return size / (1024 * 1024) + "M";
        }
        return size / (1024L * 1024 * 1024) + "G";
    }
}
