package org.lujing.read;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import javax.xml.stream.XMLInputFactory;

/**
 * The one StAX factory the {@code .xlsx} readers parse a workbook's parts with: Woodstox, chosen by name rather than
 * by whatever {@link XMLInputFactory#newInstance()} finds, and set up for parts nobody here wrote.
 *
 * <ul>
 *   <li>No DTD is processed and no external entity fetched; the readers still see a {@code DOCTYPE} as an event and
 *       refuse the file as unsafe.
 *   <li>A damaged part fails with an exception and nothing else: the JDK's own parser also prints
 *       {@code [Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence.} to the process's stderr, past every
 *       log, where an operator reads it as a crash.
 *   <li>Text is handed over in segments, so a reader that bounds a cell stops at the bound instead of after a
 *       parser has gathered a whole giant text; a text segment, an attribute and the nesting are bounded here too.
 * </ul>
 */
final class XmlParts {

    /** Far beyond any cell (Excel stops at 32,767 characters) and small against a 256 MiB heap. */
    static final int MAX_TEXT_CHARS = 1 << 20;

    private XmlParts() {}

    static XMLInputFactory inputFactory() {
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, MAX_TEXT_CHARS);
        f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, 64 * 1024);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 200);
        return f;
    }
}
