package org.lujing.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import org.lujing.ledger.Category;
import org.lujing.ledger.KeyKind;
import org.lujing.ledger.RecordDraft;
import org.lujing.ledger.SubjectDraft;
import org.lujing.normalise.ReasonCode;

/**
 * A file's normalised rows on their way to the ledger, one after another in a private binary file under
 * {@code data/staging/}: written once while the partner file is read, then published slice by slice. Appending to
 * a local file costs a fraction of a database insert and is not logged twice; each chunk forces it to disk before
 * its commit, and a restart cuts it back to the last committed length, so what the job repository says was staged
 * is exactly what the file holds.
 *
 * <p>Why one class of this length: the staging format is written and read here alone (writer, reader, and the record layout they share), so both sides change together.
 */
final class StagingFile {

    private static final byte RECORD = 'R';
    private static final byte ROSTER = 'S';
    /** A roster row naming a person an earlier row of the file named: laid out as {@link #ROSTER}. */
    private static final byte ROSTER_AGAIN = 'A';

    private static final byte REJECT = 'J';
    private static final byte SKIP = 'K';

    private StagingFile() {}

    /** A staged row: the normaliser's result, its position in the file, and whether its identity came earlier. */
    record Staged(int seq, RowResult result, boolean repeat) {}

    static Path path(Path dataDir, long fileId) {
        return dataDir.resolve("staging").resolve(fileId + ".stage");
    }

    /** Appends rows; {@link #force()} returns the length safely on disk. */
    static final class Writer implements AutoCloseable {

        private final FileChannel channel;
        private final CountingOutput counting;
        private final DataOutputStream out;

        /** Opens for appending after cutting the file back to {@code length} (0 for a new file). */
        Writer(Path file, long length) throws IOException {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.truncate(length);
            channel.position(length);
            counting = new CountingOutput(Channels.newOutputStream(channel), length);
            out = new DataOutputStream(new BufferedOutputStream(counting, 1 << 16));
        }

        void write(Staged s) throws IOException {
            RowResult r = s.result();
            if (r instanceof RowResult.NewRecord n) {
                out.writeByte(RECORD);
                head(s);
                out.writeBoolean(s.repeat());
                RecordDraft d = n.draft();
                text(d.keyKind().name());
                text(d.subjectKey());
                text(d.subjectRef());
                text(d.indexKeyId());
                text(d.idMasked());
                text(d.personName());
                text(d.category().name());
                date(d.date());
                text(d.agency());
                text(d.activityName());
                decimal(d.hours());
                decimal(d.quantity());
                text(d.outcome());
                text(d.notes());
            } else if (r instanceof RowResult.RosterEntry e) {
                out.writeByte(s.repeat() ? ROSTER_AGAIN : ROSTER);
                head(s);
                SubjectDraft d = e.draft();
                text(d.idIndex());
                text(d.idCipher());
                text(d.idMasked());
                text(d.name());
                text(d.gender());
                text(d.phoneIndex());
                text(d.phoneCipher());
                text(d.namePhoneIndex());
                text(d.nameBirthIndex());
                text(d.indexKeyId());
                text(d.community());
                text(d.correctionType());
                date(d.supervisionStart());
                date(d.supervisionEnd());
            } else if (r instanceof RowResult.Rejected j) {
                out.writeByte(REJECT);
                head(s);
                text(j.reason().name());
                text(j.column());
                text(j.message());
                text(j.maskedValues());
                text(j.unmappedWord());
            } else {
                RowResult.Skipped k = (RowResult.Skipped) r;
                out.writeByte(SKIP);
                head(s);
                text(k.why());
                out.writeInt(k.declaredCount() == null ? Integer.MIN_VALUE : k.declaredCount());
                text(k.text());
            }
        }

        private void head(Staged s) throws IOException {
            out.writeInt(s.seq());
            text(s.result().sheet());
            out.writeInt(s.result().row());
        }

        private void text(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        private void date(LocalDate d) throws IOException {
            out.writeLong(d == null ? Long.MIN_VALUE : d.toEpochDay());
        }

        private void decimal(BigDecimal d) throws IOException {
            text(d == null ? null : d.toPlainString());
        }

        /** Flushes and forces what was written to the disk; returns the length now safely on it. */
        long force() throws IOException {
            out.flush();
            channel.force(false);
            return counting.count;
        }

        @Override
        public void close() throws IOException {
            try {
                out.flush();
            } finally {
                channel.close();
            }
        }
    }

    /** Reads rows from a byte offset up to a byte length; {@link #offset()} is where the next row starts. */
    static final class Reader implements AutoCloseable {

        private final CountingInput counting;
        private final DataInputStream in;
        private final long end;

        Reader(Path file, long from, long end) throws IOException {
            InputStream raw = Files.newInputStream(file);
            raw.skipNBytes(from);
            // DataInputStream reads ahead nothing, so the count below it is exactly the rows consumed
            counting = new CountingInput(new BufferedInputStream(raw, 1 << 16), from);
            in = new DataInputStream(counting);
            this.end = end;
        }

        long offset() {
            return counting.count;
        }

        /** The next staged row, or null at the end of what was staged. */
        Staged next() throws IOException {
            if (counting.count >= end) {
                return null;
            }
            byte kind = in.readByte();
            int seq = in.readInt();
            String sheet = text();
            int row = in.readInt();
            return switch (kind) {
                case RECORD -> {
                    boolean repeat = in.readBoolean();
                    RecordDraft d = new RecordDraft(
                            KeyKind.valueOf(text()),
                            text(),
                            text(),
                            text(),
                            text(),
                            text(),
                            Category.valueOf(text()),
                            date(),
                            text(),
                            text(),
                            decimal(),
                            decimal(),
                            text(),
                            text());
                    yield new Staged(seq, new RowResult.NewRecord(sheet, row, d), repeat);
                }
                case ROSTER, ROSTER_AGAIN ->
                    new Staged(
                            seq,
                            new RowResult.RosterEntry(
                                    sheet,
                                    row,
                                    new SubjectDraft(
                                            text(), text(), text(), text(), text(), text(), text(), text(), text(),
                                            text(), text(), text(), date(), date())),
                            kind == ROSTER_AGAIN);
                case REJECT ->
                    new Staged(
                            seq,
                            new RowResult.Rejected(
                                    sheet, row, ReasonCode.valueOf(text()), text(), text(), text(), text()),
                            false);
                case SKIP -> {
                    String why = text();
                    int declared = in.readInt();
                    yield new Staged(
                            seq,
                            new RowResult.Skipped(
                                    sheet, row, why, declared == Integer.MIN_VALUE ? null : declared, text()),
                            false);
                }
                default -> throw new IOException("staging file damaged: unknown row kind " + kind);
            };
        }

        private String text() throws IOException {
            int n = in.readInt();
            if (n < 0) {
                return null;
            }
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        }

        private LocalDate date() throws IOException {
            long d = in.readLong();
            return d == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(d);
        }

        private BigDecimal decimal() throws IOException {
            String s = text();
            return s == null ? null : new BigDecimal(s);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingOutput extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutput(OutputStream out, long start) {
            this.out = out;
            this.count = start;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private long count;

        CountingInput(InputStream in, long start) {
            this.in = in;
            this.count = start;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
