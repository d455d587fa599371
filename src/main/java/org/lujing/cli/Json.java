package org.lujing.cli;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for {@code --json} outputs: one document on stdout, nothing else. */
final class Json {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

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
