package org.lujing.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lujing.home.LujingProperties;
import org.lujing.normalise.TextFolding;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The agencies of {@code jobs/agencies.yaml} and their aliases; resolves a name as written to its canonical form. */
@Component
public class AgencyDirectory {

    /** One agency: its canonical name, whether it is one of the partner units, its kind and aliases. */
    public record Agency(String name, boolean partner, String kind, List<String> aliases) {}

    private final Map<String, Agency> byName = new LinkedHashMap<>();
    private final Map<String, Agency> byFolded = new HashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    public AgencyDirectory(LujingProperties properties) {
        this(properties.jobsDir().resolve("agencies.yaml"));
    }

    public AgencyDirectory(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = YAMLMapper.builder().build().readTree(file.toFile());
            for (JsonNode n : root.path("agencies")) {
                List<String> aliases = new ArrayList<>();
                n.path("aliases").forEach(a -> aliases.add(a.asString()));
                Agency agency = new Agency(
                        n.path("name").asString(),
                        n.path("partner").asBoolean(false),
                        n.path("kind").asString(""),
                        List.copyOf(aliases));
                byName.put(agency.name(), agency);
                register(agency.name(), agency, file);
                aliases.forEach(a -> register(a, agency, file));
            }
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    private void register(String alias, Agency agency, Path file) {
        Agency previous = byFolded.put(TextFolding.fold(alias), agency);
        if (previous != null && !previous.name().equals(agency.name())) {
            throw new IllegalStateException(
                    file + ": alias '" + alias + "' names both " + previous.name() + " and " + agency.name());
        }
    }

    /** The canonical name for a name as written; a name not in the directory is kept as written (trimmed). */
    public String canonical(String written) {
        return find(written).map(Agency::name).orElse(written == null ? null : written.strip());
    }

    public Optional<Agency> find(String written) {
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byFolded.get(TextFolding.fold(written)));
    }

    public boolean isPartner(String canonicalName) {
        Agency a = byName.get(canonicalName);
        return a != null && a.partner();
    }

    public List<Agency> all() {
        return List.copyOf(byName.values());
    }
}
