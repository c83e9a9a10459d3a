package dev.braid.app.run;

/**
 * Braid's version, from the jar's manifest.
 *
 * <pre>{@code
 * System.out.println("braid " + BraidVersion.version());
 * }</pre>
 */
public final class BraidVersion {
    private BraidVersion() {
    }

    /**
     * Returns the version of the jar braid runs from.
     *
     * @return such as {@code 0.1.0}, or {@code (development build)} outside a jar
     */
    public static String version() {
        String version = BraidVersion.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /**
     * Returns the text of {@code braid --version}.
     *
     * @return two lines
     */
    public static String text() {
        return "braid (the Braid daemon) " + version() + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n";
    }
}
