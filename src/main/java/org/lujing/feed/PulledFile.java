package org.lujing.feed;

import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A pull's file as archived ({@code {"records": [...]}}): its records read one at a time, in the file's row order. */
final class PulledFile {

    private PulledFile() {}

    /** Hands every record of the file (an object in an array), in order, to {@code record}; never the whole file. */
    static void forEachRecord(Path archived, ObjectMapper mapper, Consumer<JsonNode> record) {
        try (JsonParser parser = mapper.createParser(archived.toFile())) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.START_OBJECT
                        && parser.streamReadContext().getParent() != null
                        && parser.streamReadContext().getParent().inArray()) {
                    record.accept(parser.readValueAsTree());
                }
            }
        }
    }
}
