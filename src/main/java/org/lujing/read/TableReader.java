package org.lujing.read;

import java.io.Closeable;
import java.io.IOException;

/** Streams the data rows of one partner file, sheet after sheet; {@code next()} returns null at the end. */
public interface TableReader extends Closeable {

    SourceRow next() throws IOException;

    /** Sheets in which a header was found so far. */
    int sheetsRead();

    /** Decisions taken while reading so far that the operator should see: sheets passed over, merged cells filled. */
    default java.util.List<ReadingNote> notes() {
        return java.util.List.of();
    }

    /** The header row of every sheet in which one was found so far, in the order the sheets were read. */
    default java.util.List<SheetHeader> headers() {
        return java.util.List.of();
    }
}
