package org.lujing.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lujing.normalise.CellKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams a JSON feed in any of domain.md's three shapes: an array of objects, an object holding such an array
 * under {@code records}, {@code data} or {@code items}, or one object a line. Keys are header synonyms or the
 * English field names. Records are numbered from 1 in file order.
 */
final class JsonTableReader implements TableReader {

    private static final Set<String> WRAPPER_KEYS = Set.of("records", "data", "items");

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final JsonParser parser;
    private final HeaderSynonyms synonyms;
    private final String fileName;
    /** A feed has no sheet or title: a date without a year can only find one in the file's name. */
    private final SheetContext context;

    private boolean inArray;
    private int number;
    private boolean sawRecord;

    JsonTableReader(Path file, ReadSettings settings) {
        this(file, file.getFileName().toString(), settings);
    }

    /** {@code name}: the file's name as the partner gave it (the archive copy may be named otherwise). */
    JsonTableReader(Path file, String name, ReadSettings settings) {
        this.synonyms = settings.synonyms();
        this.fileName = file.getFileName().toString();
        this.context = SheetContext.of(name, "", "", null, null);
        try {
            this.parser = mapper.createParser(file.toFile());
        } catch (JacksonException e) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_CORRUPT,
                    fileName + " 无法作为 JSON 打开 / " + fileName + " cannot be opened as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public SourceRow next() throws IOException {
        try {
            JsonNode node = nextObject();
            if (node == null) {
                if (!sawRecord) {
                    throw new UnreadableFileException(
                            FileOutcome.NO_TABLE_FOUND,
                            fileName + " 中没有记录：应为对象数组、含 records/data/items 数组的对象，或每行一个对象 / " + fileName
                                    + " holds no records: expected an array of objects, an object with 'records', 'data' or 'items', or one object a line");
                }
                return null;
            }
            sawRecord = true;
            number++;
            return toRow(node);
        } catch (JacksonException e) {
            String why = String.valueOf(e.getOriginalMessage());
            if (why.contains("Invalid UTF-8")) {
                // JSON is UTF-8; a feed exported as GBK fails on its first Chinese character, not on its syntax
                throw new UnreadableFileException(
                        FileOutcome.FILE_CORRUPT,
                        fileName + " 不是 UTF-8 编码（可能是 GBK），第 " + (number + 1)
                                + " 条记录处无法解码；JSON 文件须为 UTF-8，请让导出程序改用 UTF-8，或另存为 UTF-8 后重新发送 / "
                                + fileName + " is not UTF-8 (GBK?): record " + (number + 1) + " cannot be decoded;"
                                + " JSON must be UTF-8: export or save it as UTF-8 and send it again",
                        e);
            }
            throw new UnreadableFileException(
                    FileOutcome.FILE_CORRUPT,
                    fileName + " 不是有效的 JSON（第 " + number + " 条记录之后）；请核对导出程序 / " + fileName
                            + " is not valid JSON after record " + number + ": " + why,
                    e);
        }
    }

    private JsonNode nextObject() {
        while (true) {
            JsonToken t = parser.nextToken();
            if (t == null) {
                return null;
            }
            if (inArray) {
                if (t == JsonToken.END_ARRAY) {
                    inArray = false;
                    skipRestOfWrapper();
                    continue;
                }
                if (t == JsonToken.START_OBJECT) {
                    return parser.readValueAsTree();
                }
                // a stray value among the records is still a row read: it will be rejected, never dropped
                ObjectNode stray = mapper.createObjectNode();
                stray.set("value", parser.readValueAsTree());
                return stray;
            }
            if (t == JsonToken.START_ARRAY) {
                inArray = true;
                continue;
            }
            if (t == JsonToken.START_OBJECT) {
                JsonNode record = readObjectOrEnterWrapper();
                if (record != null) {
                    return record;
                }
                continue;
            }
            parser.skipChildren();
        }
    }

    /** At an object's start: either it wraps the records array (enter it) or it is itself a record (return it). */
    private JsonNode readObjectOrEnterWrapper() {
        ObjectNode object = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_ARRAY && WRAPPER_KEYS.contains(name)) {
                inArray = true;
                wrapperDepth = 1;
                wrapperKey = name;
                return null;
            }
            object.set(name, parser.readValueAsTree());
        }
        String nested = namesNoField(object) ? nestedRecords(object) : null;
        if (nested != null) {
            throw new UnreadableFileException(
                    FileOutcome.FILE_UNSUPPORTED,
                    fileName + " 的记录放在 " + nested
                            + " 下，不是可读的结构：记录应为对象数组、直接放在 records/data/items 下的数组，或每行一个对象；请让对方按此导出"
                            + " / " + fileName + " holds its records under '" + nested
                            + "', which is not a shape read here: an array of objects, one directly under 'records',"
                            + " 'data' or 'items', or one object a line");
        }
        return object;
    }

    /**
     * Where an object that would be read as one record holds an array of records instead (an envelope such as
     * {@code {"code": 0, "data": {"list": [...]}}}): the key path, or null. Read as a record, such a file would be
     * loaded as one row missing every field, its records never read.
     */
    private static String nestedRecords(JsonNode object) {
        for (var e : object.properties()) {
            JsonNode value = e.getValue();
            if (holdsObjects(value)) {
                return e.getKey();
            }
            if (value.isObject()) {
                for (var inner : value.properties()) {
                    if (holdsObjects(inner.getValue())) {
                        return e.getKey() + "." + inner.getKey();
                    }
                }
            }
        }
        return null;
    }

    /**
     * Whether none of an object's keys names a field: an envelope ({@code code}, {@code data}, {@code msg}), not a
     * record. A record of a file of one object a line may carry an array of its own (attachments) beside its fields.
     */
    private boolean namesNoField(JsonNode object) {
        for (var e : object.properties()) {
            if (synonyms.lookup(e.getKey()).isPresent()) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsObjects(JsonNode value) {
        return value.isArray() && !value.isEmpty() && value.get(0).isObject();
    }

    private int wrapperDepth;
    private String wrapperKey;

    /**
     * After the wrapped array: pass over the wrapper's remaining properties. A second array of records under another
     * of the wrapper's keys ('records' and 'data') makes the file ambiguous: it is refused whole rather than half read.
     */
    private void skipRestOfWrapper() {
        if (wrapperDepth == 0) {
            return;
        }
        wrapperDepth = 0;
        JsonToken t;
        while ((t = parser.nextToken()) != null && t != JsonToken.END_OBJECT) {
            if (t == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY
                        && WRAPPER_KEYS.contains(name)
                        && parser.nextToken() != JsonToken.END_ARRAY) {
                    throw new UnreadableFileException(
                            FileOutcome.FILE_UNSUPPORTED,
                            fileName + " 含两组记录（'" + wrapperKey + "' 与 '" + name + "'），无法判断该读哪一组；请每个文件只放一组记录"
                                    + " / " + fileName + " holds two arrays of records ('" + wrapperKey + "' and '"
                                    + name + "'): which one is meant is unclear; send one per file");
                }
                parser.skipChildren();
            }
        }
    }

    private SourceRow toRow(JsonNode node) {
        Map<Field, Cell> fields = new EnumMap<>(Field.class);
        Map<Field, String> headers = new EnumMap<>(Field.class);
        List<Cell> cells = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Cell cell = toCell(e.getValue());
            cells.add(cell);
            synonyms.lookup(e.getKey()).ifPresent(f -> {
                if (fields.putIfAbsent(f, cell) == null) {
                    headers.put(f, e.getKey());
                }
            });
        }
        return new SourceRow("", number, fields, cells, false, headers, context);
    }

    private static Cell toCell(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Cell.BLANK;
        }
        if (v.isIntegralNumber()) {
            // integral JSON numbers are exact: an ID number sent as a number has lost nothing
            return Cell.text(v.asString());
        }
        if (v.isNumber()) {
            return new Cell(v.asString(), CellKind.NUMBER);
        }
        if (v.isValueNode()) {
            return Cell.text(v.asString());
        }
        return Cell.text(v.toString());
    }

    @Override
    public int sheetsRead() {
        return sawRecord ? 1 : 0;
    }

    @Override
    public void close() {
        parser.close();
    }
}
