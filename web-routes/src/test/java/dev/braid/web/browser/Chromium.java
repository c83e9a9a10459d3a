package dev.braid.web.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright (its own browser download
 * is skipped). Where it is not installed the tests are skipped with one line
 * saying what and why, except under {@code CI=true}, where that fails: on CI a
 * missing browser is a broken set-up, not a reason to pass.
 */
final class Chromium implements AutoCloseable {
    private static final Path EXECUTABLE = Path.of(System.getProperty("braid.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser, or skips the calling test class when there is none (fails it under CI=true). */
    static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String why = "the browser tests need " + EXECUTABLE + " (apt-get install chromium, or make test as root)";
            assertFalse("true".equals(System.getenv("CI")), "CI=true: " + why);
            System.out.println("SKIPPED " + StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .getCallerClass().getSimpleName() + ": " + why);
            assumeTrue(false, why);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync")));
        return new Chromium(playwright, browser);
    }

    Browser browser() {
        return browser;
    }

    /** Closes what a test class started, either of which may be missing (skipped, or failed to start). */
    static void stop(Chromium chromium, WebServer server) {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
