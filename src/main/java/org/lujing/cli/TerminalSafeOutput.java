package org.lujing.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What a command prints, with the characters that would command the operator's terminal instead of being read
 * made visible. A partner's cell reaches the terminal quoted in a reject's message ({@code rejects}), as an unmapped
 * word ({@code sources}), as a name: an escape sequence there cleared the screen, coloured what followed, or set the
 * window's title, and a right-to-left override turned the rest of a line around — a file could hide or fake lines
 * on an operator's screen. Every control character but a line feed and a tab (and a carriage return on stderr,
 * which the progress bar redraws with) is printed as its picture ({@code ␛} for ESC, {@code ␇} for BEL); C1
 * controls and the bidirectional overrides, embeddings, isolates and the line and paragraph separators as
 * {@code �}. Works on the UTF-8 bytes a command's streams write (a C0 byte never occurs inside a longer sequence).
 * {@code --json} output is unchanged: {@link Json} writes every character this would replace as a {@code \\u}
 * escape.
 */
final class TerminalSafeOutput extends FilterOutputStream {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final boolean carriageReturn;
    /** the first one or two bytes of a sequence that may turn out to be a character to replace */
    private final byte[] pending = new byte[2];

    private int held;

    TerminalSafeOutput(OutputStream out, boolean carriageReturn) {
        super(out);
        this.carriageReturn = carriageReturn;
    }

    @Override
    public void write(int b) throws IOException {
        int v = b & 0xFF;
        if (held == 1 && pending[0] == (byte) 0xC2) {
            held = 0;
            if (v >= 0x80 && v <= 0x9F) {
                // U+0080–U+009F: C1 controls (CSI and OSC among them)
                out.write(REPLACEMENT);
                return;
            }
            out.write(0xC2);
        } else if (held == 1) {
            // after 0xE2
            if (v == 0x80 || v == 0x81) {
                pending[1] = (byte) v;
                held = 2;
                return;
            }
            held = 0;
            out.write(0xE2);
        } else if (held == 2) {
            held = 0;
            boolean second80 = pending[1] == (byte) 0x80;
            if ((second80 && v >= 0xA8 && v <= 0xAE) || (!second80 && v >= 0xA6 && v <= 0xA9)) {
                // U+2028–U+202E (separators, embeddings, overrides), U+2066–U+2069 (isolates)
                out.write(REPLACEMENT);
                return;
            }
            out.write(0xE2);
            out.write(pending[1]);
            // the third byte goes on below: a byte that is no continuation (malformed output) is looked at alone
        }
        if (v == 0xC2 || v == 0xE2) {
            pending[0] = (byte) v;
            held = 1;
        } else if (v < 0x20 && v != '\n' && v != '\t' && !(v == '\r' && carriageReturn)) {
            // U+2400 + v: ␀ … ␟, the control's picture
            out.write(0xE2);
            out.write(0x90);
            out.write(0x80 + v);
        } else if (v == 0x7F) {
            out.write(0xE2); // ␡
            out.write(0x90);
            out.write(0xA1);
        } else {
            out.write(v);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }
}
