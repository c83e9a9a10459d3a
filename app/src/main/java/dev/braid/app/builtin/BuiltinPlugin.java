package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.plugin.ServiceMaker;

/** The name, description and options of a built-in plugin, so each plugin is only its {@code makeService}. */
abstract class BuiltinPlugin implements ServiceMaker {
    private final String name;
    private final String description;
    private final OptionSpec options;

    BuiltinPlugin(String name, String description, OptionSpec options) {
        this.name = name;
        this.description = description;
        this.options = options;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final OptionSpec options() {
        return options;
    }

    @Override
    public String toString() {
        return "plugin " + name;
    }
}
