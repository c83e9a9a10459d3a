package dev.braid.tcp.poetry;

import dev.braid.deferred.log.Log;
import dev.braid.deferred.service.BaseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds the poem a poetry server serves, loaded when the service starts (the
 * tutorial's {@code PoetryService}): the protocol factory reads it from here,
 * so the protocol knows nothing about files.
 */
public final class PoetryService extends BaseService {
    private final Path poemFile;
    private volatile byte[] poem;

    /**
     * Creates the service.
     *
     * @param poemFile the poem to serve
     */
    public PoetryService(Path poemFile) {
        super("poetry");
        this.poemFile = poemFile;
    }

    /**
     * Loads the poem in the privileged phase, before the sibling port that
     * serves it is bound: a port accepts as soon as it is bound, so a client
     * that connects at once must find the poem there.
     */
    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        load();
    }

    @Override
    public void startService() {
        if (poem == null) {
            load(); // a tree started without the privileged phase
        }
        super.startService();
    }

    private void load() {
        try {
            poem = Files.readAllBytes(poemFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the poem " + poemFile + ": " + e.getMessage(), e);
        }
        Log.msg("loaded a poem from: " + poemFile);
    }

    /**
     * Returns the poem.
     *
     * @return the poem's bytes
     * @throws IllegalStateException before the service has started
     */
    public byte[] poem() {
        byte[] loaded = poem;
        if (loaded == null) {
            throw new IllegalStateException("the poetry service has not started");
        }
        return loaded.clone();
    }
}
