package dev.braid.app.plugin;

import dev.braid.app.options.OptionSpec;
import dev.braid.deferred.service.MultiService;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginsTest {
    private static ServiceMaker plugin(String name) {
        return ServiceMaker.of(name, "the " + name + " plugin", OptionSpec.builder(name).build(), options -> new MultiService());
    }

    @Test
    void theClassPathOffersEveryBuiltInPluginAndTheTestPlugins() {
        List<String> names = Plugins.load().all().stream().map(ServiceMaker::name).toList();
        assertEquals(List.of("demo", "fastpoetry", "noise", "poetry-proxy", "port-plugin", "slowpoetry", "transform", "web"),
                names, "sorted by name");
        assertTrue(Plugins.load().problems().isEmpty(), Plugins.load().problems().toString());
    }

    @Test
    void theTransformPluginsHelpNamesTheTransformsThatExist() {
        String help = Plugins.load().find("transform").orElseThrow().options().help("braid").replaceAll("\\s+", " ");
        assertTrue(help.contains("(xform: cummingsify, reverse, shout)"), help);
        assertTrue(!help.contains("upper"), help);
    }

    @Test
    void theFirstOfTwoPluginsWithOneNameWinsAndTheOtherIsReported() {
        ServiceMaker first = plugin("poem");
        ServiceMaker second = plugin("poem");
        Plugins plugins = Plugins.of(List.of(first, second, plugin("other")));
        assertSame(first, plugins.find("poem").orElseThrow());
        assertEquals(2, plugins.all().size());
        assertEquals(1, plugins.problems().size());
        assertTrue(plugins.problems().getFirst().startsWith("two plugins are named 'poem'"), plugins.problems().toString());
        assertTrue(plugins.find("missing").isEmpty());
    }

    @Test
    void aPluginThatCannotBeLoadedDoesNotStopTheOthers() {
        ServiceMaker good = plugin("good");
        Iterable<ServiceMaker> loader = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < 2;
            }

            @Override
            public ServiceMaker next() {
                if (next >= 2) {
                    throw new NoSuchElementException();
                }
                if (next++ == 0) {
                    throw new ServiceConfigurationError("com.example.Broken: Provider not found");
                }
                return good;
            }
        };
        Plugins plugins = Plugins.load(loader);
        assertEquals(List.of(good), plugins.all());
        assertEquals(List.of("cannot load a plugin: com.example.Broken: Provider not found"), plugins.problems());
    }
}
