package org.lujing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module borders: each top-level package under {@code org.lujing} is a module whose {@code package-info.java}
 * says what it is for and names the modules it may use; its sub-packages are internal. {@code verify()} fails on a
 * dependency that is not allowed, on a reach into another module's internals and on a cycle. The module
 * documentation (a C4 component diagram of all modules, one per module, and a canvas per module) is written into the
 * build, and the diagram in {@code docs/modules.md} must show the modules as they are: run this test with
 * {@code -Dlujing.modules.write=true} to rewrite it after a change of borders.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(LujingApplication.class);

    private static final Path PAGE = Path.of("docs/modules.md");
    private static final String BEGIN = "```mermaid\n";
    private static final String END = "```\n";

    @Test
    void modulesKeepTheirBorders() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
        assertThat(Path.of(System.getProperty("lujing.build.dir", "target"), "spring-modulith-docs", "components.puml"))
                .exists();
    }

    @Test
    void theDiagramInTheDocsShowsTheModulesAsTheyAre() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf(BEGIN);
        int end = page.indexOf(END, start + BEGIN.length());
        assertThat(start).as("docs/modules.md holds a mermaid diagram").isNotNegative();
        String diagram = diagram();
        if (Boolean.getBoolean("lujing.modules.write")) {
            Files.writeString(PAGE, page.substring(0, start + BEGIN.length()) + diagram + page.substring(end));
            return;
        }
        assertThat(page.substring(start + BEGIN.length(), end))
                .as("docs/modules.md is out of date: run ModularityTests with -Dlujing.modules.write=true")
                .isEqualTo(diagram);
    }

    /** Every module and its direct dependencies, as a Mermaid graph, in a stable order. */
    static String diagram() {
        StringBuilder out = new StringBuilder("graph LR\n");
        var modules = MODULES.stream()
                .sorted(Comparator.comparing(ApplicationModule::getIdentifier, Comparator.comparing(Object::toString)))
                .toList();
        for (ApplicationModule m : modules) {
            out.append("  ")
                    .append(m.getIdentifier())
                    .append("[\"")
                    .append(m.getDisplayName())
                    .append("\"]\n");
        }
        for (ApplicationModule m : modules) {
            String targets = m.getDirectDependencies(MODULES)
                    .uniqueModules()
                    .map(d -> d.getIdentifier().toString())
                    .sorted()
                    .distinct()
                    .collect(Collectors.joining(" & "));
            if (!targets.isEmpty()) {
                out.append("  ")
                        .append(m.getIdentifier())
                        .append(" --> ")
                        .append(targets)
                        .append('\n');
            }
        }
        return out.toString();
    }
}
