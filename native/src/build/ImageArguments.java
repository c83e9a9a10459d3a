import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the image's jars say under {@code META-INF/native-image/} into
 * options of GraalVM's image generator: the {@code Args} of every
 * {@code native-image.properties}, and every metadata file
 * ({@code reachability-metadata.json}, {@code reflect-config.json}, ...) as the
 * generator option that reads it from the class path.
 *
 * <p>Libraries write these files for the {@code native-image} driver, which
 * translates its own options ({@code --initialize-at-build-time}, ...) into the
 * generator's {@code -H:} options. The driver is not published as a jar, so
 * the build runs the generator itself and this class does the translation
 * for the options such files use. An option it does not know stops the build
 * with the jar and the option named: silently dropping one could change the
 * image.
 *
 * <pre>java ImageArguments.java OUT.args JAR...</pre>
 */
public final class ImageArguments {
    private static final Pattern PROPERTIES = Pattern.compile("META-INF/native-image/.+/native-image\\.properties");
    private static final Pattern METADATA = Pattern.compile("META-INF/native-image/.+/([a-z-]+)\\.json");
    /** Metadata file names and the generator options that read them, as the driver passes them. */
    private static final Map<String, String> METADATA_OPTIONS = Map.of(
            "reachability-metadata", "-H:ReachabilityMetadataResources=",
            "reflect-config", "-H:ReflectionConfigurationResources=",
            "resource-config", "-H:ResourceConfigurationResources=",
            "jni-config", "-H:JNIConfigurationResources=",
            "proxy-config", "-H:DynamicProxyConfigurationResources=",
            "serialization-config", "-H:SerializationConfigurationResources=",
            "serialization-deny-config", "-H:SerializationDenyConfigurationResources=",
            "predefined-classes-config", "-H:PredefinedClassesConfigurationResources=");

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java ImageArguments.java OUT.args JAR...");
            System.exit(2);
        }
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            options.addAll(optionsOf(Path.of(args[i])));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            options.forEach(out::println);
        }
    }

    private static List<String> optionsOf(Path jar) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                Matcher metadata = METADATA.matcher(entry.getName());
                if (metadata.matches() && METADATA_OPTIONS.containsKey(metadata.group(1))) {
                    options.add(METADATA_OPTIONS.get(metadata.group(1)) + entry.getName());
                    continue;
                }
                if (!PROPERTIES.matcher(entry.getName()).matches()) {
                    continue;
                }
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(entry)) {
                    properties.load(in);
                }
                String arguments = properties.getProperty("Args", "").trim();
                if (arguments.isEmpty()) {
                    continue;
                }
                for (String argument : arguments.split("\\s+")) {
                    String translated = translate(argument);
                    if (translated == null) {
                        System.err.println("ImageArguments: " + jar.getFileName() + "!/" + entry.getName()
                                + ": unknown native-image option " + argument);
                        System.exit(1);
                    }
                    if (!translated.isEmpty()) {
                        options.add(translated);
                    }
                }
            }
        }
        return options;
    }

    /** The generator's option for one driver option; "" for none needed, null if unknown. */
    static String translate(String argument) {
        if (argument.startsWith("-H:") || argument.startsWith("-R:")) {
            return argument;
        }
        String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
        String value = argument.contains("=") ? argument.substring(argument.indexOf('=') + 1) : "";
        return switch (name) {
            case "--initialize-at-build-time" -> "-H:ClassInitialization=" + suffixed(value, ":build_time");
            case "--initialize-at-run-time" -> "-H:ClassInitialization=" + suffixed(value, ":run_time");
            case "--enable-native-access" -> "-H:EnableNativeAccess=" + value;
            case "--features" -> "-H:Features=" + value;
            case "--enable-url-protocols" -> "-H:EnableURLProtocols=" + value;
            case "--enable-http" -> "-H:EnableURLProtocols=http";
            case "--enable-https" -> "-H:EnableURLProtocols=https";
            case "--link-at-build-time" -> "-H:LinkAtBuildTime=" + value;
            case "--report-unsupported-elements-at-runtime" -> "-H:+ReportUnsupportedElementsAtRuntime";
            // Handled by the build itself: the generator's JVM runs with preview features,
            // and there is no fallback image without the driver.
            case "--enable-preview", "--no-fallback" -> "";
            default -> null;
        };
    }

    /** "a,b" becomes "a:build_time,b:build_time"; an empty list means every class. */
    private static String suffixed(String value, String suffix) {
        if (value.isEmpty()) {
            return suffix;
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            parts.add(part + suffix);
        }
        return String.join(",", parts);
    }
}
