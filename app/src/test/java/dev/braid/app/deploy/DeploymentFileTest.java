package dev.braid.app.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentFileTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("app.yaml"), yaml);
    }

    private String error(String yaml) throws IOException {
        return assertThrows(DeploymentException.class, () -> DeploymentFile.load(file(yaml))).getMessage();
    }

    @Test
    void readsATreeOfGroupsAndPluginServicesInOrder() throws Exception {
        Deployment deployment = DeploymentFile.load(file("""
                application:
                  name: poetry
                  uid: nobody
                  services:
                    - name: poems
                      services:
                        - name: ecstasy
                          plugin: fastpoetry
                          options: {port: 10000, iface: 127.0.0.1, poem: poetry/ecstasy.txt}
                        - plugin: fastpoetry
                          options:
                            port: 10001
                        - plugin: fastpoetry
                    - plugin: web
                      options:
                        listen: [tcp:8080, "tcp:8443:interface=\\\\:\\\\:1"]
                        display-tracebacks: true
                """));
        assertEquals("poetry", deployment.name());
        assertEquals("nobody", deployment.uid());
        assertNull(deployment.gid());
        assertEquals(dir, deployment.baseDirectory());
        assertEquals(2, deployment.services().size());
        ServiceNode.Group poems = assertInstanceOf(ServiceNode.Group.class, deployment.services().get(0));
        assertEquals("poems", poems.name());
        List<String> names = poems.children().stream().map(ServiceNode::name).toList();
        assertEquals(List.of("ecstasy", "fastpoetry", "fastpoetry-2"), names);
        ServiceNode.Plugin ecstasy = assertInstanceOf(ServiceNode.Plugin.class, poems.children().get(0));
        assertEquals("fastpoetry", ecstasy.plugin());
        assertEquals(Map.of("port", List.of("10000"), "iface", List.of("127.0.0.1"), "poem", List.of("poetry/ecstasy.txt")),
                ecstasy.options());
        ServiceNode.Plugin web = assertInstanceOf(ServiceNode.Plugin.class, deployment.services().get(1));
        assertEquals(List.of("tcp:8080", "tcp:8443:interface=\\:\\:1"), web.options().get("listen"));
        assertEquals(List.of("true"), web.options().get("display-tracebacks"));
        assertTrue(web.where().startsWith("app.yaml: application.services[1]"), web.where());
    }

    @Test
    void theApplicationNameDefaultsToTheFileName() throws Exception {
        assertEquals("app.yaml", DeploymentFile.load(file("application:\n  services: []\n")).name());
    }

    @Test
    void mistakesNameTheirPlaceInTheFile() throws IOException {
        assertTrue(error("services: []\n").contains("must have an 'application' section"));
        assertTrue(error("application:\n  servics: []\n").contains("application: unknown key 'servics'"));
        assertTrue(error("application:\n  name: x\n").contains("application.services is missing"));
        assertTrue(error("application:\n  services: {a: 1}\n").contains("application.services must be a list"));
        assertEquals("app.yaml: application.services[0] must have either 'plugin' (a service) or 'services' (a group), not neither",
                error("application:\n  services:\n    - name: x\n"));
        assertTrue(error("application:\n  services:\n    - {plugin: web, services: []}\n").contains("not both"));
        assertTrue(error("application:\n  services:\n    - {plugin: web, optons: {}}\n").contains("unknown key 'optons'"));
        assertTrue(error("application:\n  services:\n    - {name: a, plugin: web}\n    - {name: a, plugin: web}\n")
                .contains("cannot have two services with same name 'a'"));
        assertTrue(error("application:\n  services:\n    - plugin: web\n      options: {listen: {a: b}}\n")
                .contains("options.listen must be a value or a list of values"));
        assertTrue(error("application:\n  services:\n    - plugin: [a, b]\n").contains("plugin must be a plain value"));
        assertTrue(error("application:\n  services:\n    - just-a-string\n").contains("[0] must be a map"));
        assertTrue(error("application:\n  services:\n    - {services: [], options: {a: 1}}\n").contains("a group has no 'options'"));
    }

    @Test
    void brokenYamlAndMissingFilesAreClearErrors() throws IOException {
        String broken = error("application:\n  services: [unclosed\n");
        assertTrue(broken.contains("is not a valid YAML deployment file"), broken);
        assertTrue(assertThrows(DeploymentException.class, () -> DeploymentFile.load(dir.resolve("none.yaml")))
                .getMessage().startsWith("No such deployment file: "));
    }

    @Test
    void environmentVariablesDoNotLeakIn() throws Exception {
        Deployment deployment = DeploymentFile.load(file("""
                application:
                  services:
                    - plugin: fastpoetry
                      options: {poem: "${HOME}/x"}
                """));
        ServiceNode.Plugin node = assertInstanceOf(ServiceNode.Plugin.class, deployment.services().getFirst());
        assertEquals(List.of("${HOME}/x"), node.options().get("poem"));
        assertEquals("app.yaml", deployment.name());
    }
}
