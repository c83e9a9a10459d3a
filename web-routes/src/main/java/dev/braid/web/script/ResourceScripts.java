package dev.braid.web.script;

import dev.braid.deferred.log.Log;
import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.internal.Html;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Serves {@code .rpy.java} files as resources (Twisted's
 * {@code script.ResourceScript}): each is Java source defining a
 * {@link ResourceScript}, compiled in memory with {@code javax.tools} on its
 * first request and again whenever the file changes. Register it as a
 * {@link dev.braid.web.file.FileResource} processor (it is one: a
 * {@code Function<Path, Resource>}):
 *
 * <pre>{@code
 * ResourceScripts scripts = new ResourceScripts();
 * FileResource.builder(dir).processor(ResourceScripts.EXTENSION, scripts::resourceFor).build();
 * }</pre>
 *
 * <p>A compile error answers 500 with the compiler's diagnostics when the
 * Site displays tracebacks, a plain error page otherwise. This needs the JDK's
 * compiler (module {@code jdk.compiler}): it is not available in a native
 * image, and a jlink runtime must include that module. Scripts run with the
 * server's full rights: only serve scripts you wrote.
 */
public final class ResourceScripts implements Function<Path, Resource> {
    /** The file name ending this class handles. */
    public static final String EXTENSION = ".rpy.java";

    private final ConcurrentMap<String, Object> registry = new ConcurrentHashMap<>();
    private final Map<Path, Compiled> compiled = new HashMap<>();

    /** A compiled script and, if it asked, its cached resource. */
    private record Compiled(FileTime modified, Class<? extends ResourceScript> type, String errors,
                            Resource[] cached) {
    }

    /** Creates an empty registry of scripts. */
    public ResourceScripts() {
    }

    /**
     * Returns the resource serving one script file (a {@code FileResource} processor).
     *
     * @param script the {@code .rpy.java} file
     * @return a leaf resource that compiles and runs the script per request
     */
    public Resource resourceFor(Path script) {
        return new ScriptResource(script);
    }

    /**
     * Returns {@link #resourceFor} as a function, for {@code FileResource.Builder.processor}.
     *
     * @return the processor
     */
    public Function<Path, Resource> processor() {
        return this::resourceFor;
    }

    /**
     * The same as {@link #resourceFor}: a ResourceScripts is itself a
     * processor, so {@code braid web --processor .rpy.java=dev.braid.web.script.ResourceScripts}
     * names it.
     *
     * @param script the {@code .rpy.java} file
     * @return the script's resource
     */
    @Override
    public Resource apply(Path script) {
        return resourceFor(script);
    }

    private synchronized Compiled compile(Path script) throws IOException {
        FileTime modified = Files.getLastModifiedTime(script);
        Compiled known = compiled.get(script);
        if (known != null && known.modified().equals(modified)) {
            return known;
        }
        Compiled fresh = InMemoryCompiler.compile(script, modified);
        compiled.put(script, fresh);
        return fresh;
    }

    /** One script file, as a leaf. */
    private final class ScriptResource extends Resource {
        private final Path script;

        ScriptResource(Path script) {
            this.script = script;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public Object render(Request request) throws Exception {
            Compiled script1 = compile(script);
            if (script1.errors() != null) {
                return compileError(request, script1.errors());
            }
            Resource resource;
            synchronized (script1.cached()) {
                resource = script1.cached()[0];
                if (resource == null) {
                    boolean[] cache = {false};
                    ResourceScript instance = script1.type().getDeclaredConstructor().newInstance();
                    resource = instance.resource(new ScriptContext(script, registry, cache));
                    if (cache[0]) {
                        script1.cached()[0] = resource;
                    }
                }
            }
            return dev.braid.web.Rendering.traverseAndRender(resource, request);
        }

        private Object compileError(Request request, String diagnostics) {
            Log.msg("Resource script " + script + " does not compile:\n" + diagnostics);
            Site site = request.site();
            ErrorPage page = new ErrorPage(500, "Resource Script Error", site.displayTracebacks()
                    ? script.getFileName() + " does not compile:\n" + diagnostics : "The script does not compile.");
            Object html = page.render(request);
            return site.displayTracebacks() ? String.valueOf(html).replace(Html.escapeText(diagnostics),
                    "<pre>" + Html.escapeText(diagnostics) + "</pre>") : html;
        }
    }

    /** javax.tools in memory: sources from the file, classes into a map, loaded by a fresh loader. */
    private static final class InMemoryCompiler {
        static Compiled compile(Path script, FileTime modified) throws IOException {
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler == null) {
                return new Compiled(modified, null, "resource scripts need the JDK's compiler (module jdk.compiler),"
                        + " which this runtime does not have", new Resource[1]);
            }
            String source = Files.readString(script, StandardCharsets.UTF_8);
            String className = publicClassName(source);
            if (className == null) {
                return new Compiled(modified, null, "no public class in " + script.getFileName(), new Resource[1]);
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Map<String, ByteArrayOutputStream> classes = new HashMap<>();
            try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                               FileObject sibling) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(name, bytes);
                        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension),
                                kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                return bytes;
                            }
                        };
                    }
                };
                // named as the file, so stack traces say hello.rpy.java:12 (javac would want Hello.java)
                JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + script.getFileName()),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }

                    @Override
                    public boolean isNameCompatible(String simpleName, JavaFileObject.Kind kind) {
                        return kind == JavaFileObject.Kind.SOURCE;
                    }
                };
                List<String> options = List.of("--release", "25", "-classpath", System.getProperty("java.class.path"),
                        "-proc:none");
                boolean ok = compiler.getTask(null, manager, diagnostics, options, null, List.of(unit)).call();
                if (!ok) {
                    return new Compiled(modified, null, format(diagnostics), new Resource[1]);
                }
            }
            // the loader's name is the script's path: traceback pages find the source lines by it
            ClassLoader loader = new ClassLoader(script.toAbsolutePath().toString(),
                    ResourceScripts.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    ByteArrayOutputStream bytes = classes.get(name);
                    if (bytes == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] code = bytes.toByteArray();
                    return defineClass(name, code, 0, code.length);
                }
            };
            try {
                Class<?> type = loader.loadClass(className);
                if (!ResourceScript.class.isAssignableFrom(type)) {
                    return new Compiled(modified, null, className + " does not implement ResourceScript",
                            new Resource[1]);
                }
                return new Compiled(modified, type.asSubclass(ResourceScript.class), null, new Resource[1]);
            } catch (ClassNotFoundException e) {
                return new Compiled(modified, null, "cannot load " + className + ": " + e.getMessage(), new Resource[1]);
            }
        }

        private static String publicClassName(String source) {
            var matcher = java.util.regex.Pattern.compile("public\\s+(?:final\\s+)?class\\s+([A-Za-z_][A-Za-z0-9_]*)")
                    .matcher(source);
            if (!matcher.find()) {
                return null;
            }
            var pkg = java.util.regex.Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", java.util.regex.Pattern.MULTILINE)
                    .matcher(source);
            return pkg.find() ? pkg.group(1) + "." + matcher.group(1) : matcher.group(1);
        }

        private static String format(DiagnosticCollector<JavaFileObject> diagnostics) {
            List<String> lines = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                lines.add("line " + d.getLineNumber() + ": " + d.getKind().toString().toLowerCase(Locale.ROOT) + ": "
                        + d.getMessage(Locale.ROOT));
            }
            return String.join("\n", lines);
        }
    }
}
