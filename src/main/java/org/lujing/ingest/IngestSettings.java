package org.lujing.ingest;

import java.util.EnumSet;
import java.util.Set;
import org.lujing.read.Field;
import org.lujing.read.ReadSettings;
import org.lujing.source.SourceDefinition;

/** The reading settings a source implies: which fields its header row must name. */
final class IngestSettings {

    private IngestSettings() {}

    static ReadSettings readSettings(SourceDefinition source) {
        Set<Field> required = source.roster()
                ? EnumSet.of(Field.NAME, Field.ID_NUMBER)
                : EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.DATE);
        // a sheet without a category column is still a table: its name, its title or the source's default category
        // gives the category, and a sheet nothing gives one to is passed over by the reader (and noted)
        return new ReadSettings(
                source.headerSynonyms(),
                required,
                source.encoding(),
                source.delimiter(),
                source.roster() ? null : source.vocabulary(),
                source.defaultCategory(),
                source.roster());
    }
}
