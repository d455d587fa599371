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
        if (!source.roster() && source.defaultCategory() == null) {
            required.add(Field.CATEGORY);
        }
        return new ReadSettings(source.headerSynonyms(), required, source.encoding(), source.delimiter());
    }
}
