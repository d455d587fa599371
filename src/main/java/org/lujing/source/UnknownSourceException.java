package org.lujing.source;

import java.util.Collection;

/** A file arrived for a source that has no definition under jobs/sources. */
class UnknownSourceException extends RuntimeException {

    public UnknownSourceException(String id, Collection<String> known) {
        super("unknown source '" + id + "': add jobs/sources/" + id + ".yaml, or use one of " + known);
    }
}
