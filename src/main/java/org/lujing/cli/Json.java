package org.lujing.cli;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for {@code --json} outputs: one document on stdout, nothing else. */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
                    .characterEscapes(new TerminalEscapes())
                    .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * The characters {@link TerminalSafeOutput} would replace, written as {@code \\uXXXX} escapes instead: a
     * script reading {@code --json} gets a partner's cell as sent (a line separator pasted from Word included),
     * and the terminal still sees nothing it would obey. Jackson escapes the other control characters itself.
     */
    private static final class TerminalEscapes extends tools.jackson.core.io.CharacterEscapes {

        private final int[] ascii;

        TerminalEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public tools.jackson.core.SerializableString getEscapeSequence(int ch) {
            boolean escaped =
                    (ch >= 0x80 && ch <= 0x9F) || (ch >= 0x2028 && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069);
            return escaped ? new tools.jackson.core.io.SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }

    private Json() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Writes {@code value} to standard output as {@link #write} would print it, as it is generated: an array whose
     * elements are read as they are written (an {@code Iterable} that pages) is never held whole. Standard output
     * stays open.
     */
    static void print(Object value) {
        MAPPER.writer()
                .without(tools.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
                .writeValue(System.out, value);
        System.out.println();
        System.out.flush();
    }

    /** {@link #print} of an array: each item in the shape {@code shape} gives it, as the items are read. */
    static <T> void printEach(Iterable<T> items, java.util.function.Function<? super T, ?> shape) {
        Iterable<Object> shaped = () -> java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .<Object>map(shape::apply)
                .iterator();
        print(shaped);
    }

    /** A JSON text as a tree, to embed it in an output rather than as a string. */
    static Object parse(String json) {
        return json == null ? null : MAPPER.readTree(json);
    }
}
