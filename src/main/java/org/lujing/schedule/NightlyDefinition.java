package org.lujing.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lujing.home.LujingProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The nightly chain as {@code jobs/nightly.yaml} describes it: when it runs and its steps in order. */
@Component
public class NightlyDefinition {

    private final String cron;
    private final ZoneId zone;
    private final List<String> steps;

    public NightlyDefinition(LujingProperties properties, Environment env) {
        Path file = properties.jobsDir().resolve("nightly.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "no nightly chain at " + file.toAbsolutePath() + ": restore jobs/nightly.yaml");
        }
        try {
            JsonNode root = YAMLMapper.builder().build().readTree(file.toFile());
            this.cron = env.getProperty("lujing.nightly.cron", root.path("cron").asString("0 0 2 * * ?"));
            this.zone = ZoneId.of(
                    env.getProperty("lujing.nightly.zone", root.path("zone").asString("Asia/Shanghai")));
            List<String> names = new ArrayList<>();
            root.path("steps").forEach(s -> names.add(s.asString()));
            if (names.isEmpty()) {
                throw new IllegalStateException(file + " names no steps");
            }
            this.steps = List.copyOf(names);
        } catch (tools.jackson.core.JacksonException e) {
            throw new UncheckedIOException(new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e));
        }
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<String> steps() {
        return steps;
    }
}
