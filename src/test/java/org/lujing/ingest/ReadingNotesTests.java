package org.lujing.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.read.ReadingNote;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The normaliser's reading decisions survive a restart: what the last commit saved is where counting goes on. */
class ReadingNotesTests {

    @Test
    void rowsAreCountedPerSheetAndDecisionWithTheirFirstAndLastRow() {
        ReadingNotes notes = new ReadingNotes();

        notes.add("3月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年", 9);
        notes.add("3月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年", 4);
        notes.add("4月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年", 3);

        assertThat(notes.notes())
                .containsExactly(
                        new ReadingNote("3月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年", 2, 4, 9),
                        new ReadingNote("4月", ReadingNote.DATE_YEAR, "日期缺年份，取自表头 2025年", 1, 3, 3));
        assertThat(notes.notes().get(0).rowsText()).isEqualTo("2 行（第 4–9 行）");
    }

    @Test
    void aResumedStagingStartsFromWhatTheLastCommitSaved() {
        ReadingNotes before = new ReadingNotes();
        ExecutionContext context = new ExecutionContext();
        before.open(context);
        before.add("心理测评", ReadingNote.CATEGORY_FROM_SHEET, "类别取自工作表名", 2);
        before.update(context); // the chunk's commit
        before.add("心理测评", ReadingNote.CATEGORY_FROM_SHEET, "类别取自工作表名", 3); // a chunk that never committed

        ReadingNotes after = new ReadingNotes();
        after.open(context);
        after.add("心理测评", ReadingNote.CATEGORY_FROM_SHEET, "类别取自工作表名", 3); // the same row, read again

        assertThat(after.notes())
                .containsExactly(new ReadingNote("心理测评", ReadingNote.CATEGORY_FROM_SHEET, "类别取自工作表名", 2, 2, 3));
    }
}
