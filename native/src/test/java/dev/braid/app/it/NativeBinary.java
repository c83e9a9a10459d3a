package dev.braid.app.it;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The native binary's folder, and the checks every native test shares. */
final class NativeBinary {
    /** What the libraries' stand-ins print when an unsupported call is reached (src/toolchain/unsupported.h). */
    static final String UNSUPPORTED = "braid native: unsupported call";

    private NativeBinary() {
    }

    /** The folder (app/target/braid-native): the executable braid, lib/, etc/, bin/. */
    static Path folder() {
        return BraidBinary.image();
    }

    /** Fails if a run reached a part of the runtime the binary does not support. */
    static void assertNoUnsupportedCall(String output) {
        assertFalse(output.contains(UNSUPPORTED), output);
    }
}
