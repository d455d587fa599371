package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lujing.SharedLedgerContext;
import org.lujing.audit.AuditLog;
import org.lujing.ingest.FileIngestService;
import org.lujing.source.SourceCatalog;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The six rules on a small ledger made for them (each fires where it should and stays silent beside it), then the
 * life of findings across runs: idempotent per date, status kept, cleared when no longer true, reopened, and the
 * reconcile job through JobOperator.
 *
 * <p>Each test starts from an empty ledger ({@link SharedLedgerContext}): the files of early April arrive, then as
 * many reconcile runs and admin decisions as its "given" says.
 */
class ReconciliationIntegrationTests extends SharedLedgerContext {

    static final Path FIXTURES = Path.of("src/test/resources/org/lujing/reconcile/rules");

    @Autowired
    FileIngestService ingest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SourceCatalog sources;

    @Autowired
    ReconcileSettings settings;

    @Autowired
    UnmatchedSubjectRule unmatched;

    @Autowired
    OutsideSupervisionRule outside;

    @Autowired
    MissingFeedRule missingFeed;

    @Autowired
    ControlTotalMismatchRule controlTotal;

    @Autowired
    CrossSourceConflictRule conflict;

    @Autowired
    NoRecentSupportRule noRecent;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    FindingsService findings;

    @Autowired
    ReconcileRunner runner;

    @Autowired
    AuditLog audit;

    @Test
    void fixturesLoad() {
        // given the files of early April 2025, as if they had arrived then
        long communityFile = theFilesOfEarlyAprilArrived();

        // then
        assertThat(jdbc.sql("SELECT outcome FROM ingest_file ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("LOADED", "LOADED", "LOADED", "LOADED");
        assertThat(jdbc.sql("SELECT declared_count FROM file_control_total WHERE file_id = ?")
                        .param(communityFile)
                        .query(Integer.class)
                        .list())
                .containsExactly(5);
    }

    @Test
    void unmatchedSubjectWaitsOutTheGracePeriod() {
        // given
        theFilesOfEarlyAprilArrived();

        // arrived 2025-04-06, grace 7 days: due on the 13th, not before
        assertThat(found(unmatched, ctx("2025-04-12"))).isEmpty();
        List<Finding> found = found(unmatched, ctx("2025-04-13"));

        String sun = jdbc.sql("SELECT DISTINCT subject_key FROM support_record WHERE subject_id IS NULL")
                .query(String.class)
                .single()
                .strip();
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("subject:" + sun);
            assertThat(f.personMasked()).isEqualTo("孙三 4301************35");
            assertThat(f.sourceId()).isEqualTo("community");
            assertThat(f.details()).doesNotContain("430103199006060035");
        });
    }

    @Test
    void outsideSupervisionIsOneFindingPerRecordDatedOutside() {
        // given
        theFilesOfEarlyAprilArrived();

        List<Finding> found = found(outside, ctx("2025-04-20"));

        long early = recordId("钱二", "2025-02-15");
        // 钱二's records from April lie inside 2025-03-01 … 2025-06-30, 赵一's inside his year
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("record:" + early);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.personMasked()).isEqualTo("钱二 4301************20");
            assertThat(f.details()).contains("2025-02-15", "2025-03-01");
        });
    }

    @Test
    void missingFeedCountsPeriodsWithoutADelivery() {
        // given
        theFilesOfEarlyAprilArrived();

        List<String> keys =
                found(missingFeed, ctx("2025-06-10")).stream().map(Finding::key).toList();

        // March is answered by the files of 3 and 4 April; April and May are not; June is not due yet
        assertThat(keys)
                .contains(
                        "source:community:2025-04",
                        "source:community:2025-05",
                        "source:university:2025-04",
                        "source:university:2025-05",
                        "source:micro-lesson:2025-W17",
                        "source:micro-lesson:2025-W23");
        assertThat(keys)
                .doesNotContain(
                        "source:community:2025-03",
                        "source:community:2025-06",
                        "source:micro-lesson:2025-W16",
                        "source:micro-lesson:2025-W24");
        // no cadence (roster, employer), or never delivered and no feeds-since (hospital): nothing expected
        assertThat(keys)
                .noneMatch(k -> k.startsWith("source:roster:")
                        || k.startsWith("source:employer:")
                        || k.startsWith("source:hospital:"));

        List<String> since = found(
                        missingFeed,
                        new ReconcileContext(
                                LocalDate.parse("2025-06-10"),
                                jdbc,
                                sources,
                                new ReconcileSettings(7, LocalDate.parse("2025-03-01"), 30)))
                .stream()
                .map(Finding::key)
                .toList();
        assertThat(since)
                .contains("source:hospital:2025-03", "source:hospital:2025-05")
                .doesNotContain("source:community:2025-03");
    }

    @Test
    void controlTotalMismatchComparesTheTotalRowWithTheDataRows() {
        // given
        long communityFile = theFilesOfEarlyAprilArrived();

        // the community file says 5 but has 6 data rows; the university file's 合计：2 agrees
        assertThat(found(controlTotal, ctx("2025-04-20"))).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("file:" + communityFile);
            assertThat(f.fileId()).isEqualTo(communityFile);
            assertThat(f.details()).contains("declares 5", "has 6");
        });
    }

    @Test
    void controlTotalsOfTablesStackedInASheetAreEachTheirTablesAndSubtotalsAreNotAddedTwice(@TempDir Path dir)
            throws Exception {
        // given one sheet holding December and January one under the other, each with its 合计, and a sheet whose
        // 小计 per group stand above its 合计
        String a = org.lujing.read.PartnerWorkbooks.id("43010419800101001");
        String b = org.lujing.read.PartnerWorkbooks.id("43010419800202002");
        Path stacked = java.nio.file.Files.writeString(
                dir.resolve("stacked.csv"),
                String.join(
                        "\n",
                        "2025年12月工作台账,,,",
                        "日期,姓名,身份证号,活动类型",
                        "2025-12-01,甲,%s,公益活动".formatted(a),
                        "2025-12-02,乙,%s,公益活动".formatted(b),
                        "合计：2人次,,,",
                        "2026年1月工作台账,,,",
                        "日期,姓名,身份证号,活动类型",
                        "2026-01-05,甲,%s,公益活动".formatted(a),
                        "合计：1人次,,,",
                        ""));
        Path grouped = java.nio.file.Files.writeString(
                dir.resolve("grouped.csv"),
                String.join(
                        "\n",
                        "日期,姓名,身份证号,活动类型",
                        "2025-11-01,甲,%s,公益活动".formatted(a),
                        "2025-11-02,乙,%s,公益活动".formatted(b),
                        "小计：2人次,,,",
                        "2025-11-09,甲,%s,公益活动".formatted(a),
                        "小计：1人次,,,",
                        "合计：3人次,,,",
                        ""));
        ingest.ingest(stacked, "community");
        ingest.ingest(grouped, "community");

        // then neither file contradicts itself
        assertThat(found(controlTotal, ctx("2026-02-01"))).isEmpty();

        // and when the second table's 合计 is wrong, the file is found, naming both totals
        Path wrong = java.nio.file.Files.writeString(
                dir.resolve("wrong.csv"),
                java.nio.file.Files.readString(stacked)
                        .replace("合计：1人次", "合计：4人次")
                        .replace("2026-01-05", "2026-01-06"));
        long wrongFile = ingest.ingest(wrong, "community").file().orElseThrow().id();
        assertThat(found(controlTotal, ctx("2026-02-01"))).singleElement().satisfies(f -> {
            assertThat(f.fileId()).isEqualTo(wrongFile);
            assertThat(f.details()).contains("declares 6", "has 3");
        });
    }

    @Test
    void crossSourceConflictNeedsTwoSourcesWithDifferentValues() {
        // given
        theFilesOfEarlyAprilArrived();

        // 赵一 4 April: hours 1 (community) vs 2 (university); 钱二 5 April: the university left hours empty
        assertThat(found(conflict, ctx("2025-04-20"))).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("record:" + recordId("赵一", "2025-04-04"));
            assertThat(f.details()).contains("hours: community 1, university 2").doesNotContain("outcome");
            // the Chinese half names the sources by their agencies, in Chinese words only
            String zh = FindingDetails.render(CrossSourceConflictRule.NAME, f.details(), true);
            assertThat(zh)
                    .contains("— 时长：")
                    .contains(sources.find("community").orElseThrow().agency() + " 1")
                    .contains(sources.find("university").orElseThrow().agency() + " 2")
                    .doesNotContain("hours", "community");
        });
    }

    @Test
    void noRecentSupportFindsActivePeopleWithoutSupportOrLessons() {
        // given
        theFilesOfEarlyAprilArrived();

        List<Finding> found = found(noRecent, ctx("2025-04-20"));

        // 赵一 was supported and attended; 吴五's supervision ended in March
        assertThat(found)
                .extracting(Finding::personMasked)
                .containsExactly("钱二 4301************20", "周四 4301************40");
        assertThat(found.get(0).details()).contains("micro-lessons").doesNotContain("no support record");
        assertThat(found.get(1).details()).contains("no support record", "micro-lessons");
        // a week later the lessons of 7 and 14 April… are no longer the last two weeks: 21–27 April had none held
        assertThat(found(noRecent, ctx("2025-04-27")))
                .noneMatch(f -> f.details().contains("micro-lessons"));
    }

    @Test
    void reconcilingTheSameDateTwiceChangesNothing() {
        // given
        theFilesOfEarlyAprilArrived();

        ReconcileSummary first = reconcile.reconcile(LocalDate.parse("2025-04-20"));
        List<Map<String, Object>> rows = allFindings();
        ReconcileSummary second = reconcile.reconcile(LocalDate.parse("2025-04-20"));

        assertThat(first.opened()).isEqualTo(rows.size()).isPositive();
        assertThat(first.rules())
                .extracting(ReconcileSummary.RuleCounts::rule)
                .containsExactlyElementsOf(ReconcileService.RULE_ORDER);
        assertThat(second.opened()).isZero();
        assertThat(second.cleared()).isZero();
        assertThat(second.seenAgain()).isEqualTo(rows.size());
        assertThat(allFindings()).isEqualTo(rows);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM (SELECT rule, finding_key FROM finding GROUP BY rule, finding_key) f")
                        .query(Integer.class)
                        .single())
                .isEqualTo(rows.size());
    }

    @Test
    void aResolvedFindingStaysResolvedWhenSeenAgain() {
        // given the findings of a first run
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));

        // when an admin resolves one and acknowledges another, and the next day is reconciled
        StoredFinding f = outsideFinding();
        Instant before = Instant.now().minusSeconds(1);
        findings.resolve(f.id(), "钱二 joined early; confirmed with the judicial office", "tester");
        StoredFinding ack = findings.list(null, "CONTROL_TOTAL_MISMATCH", null).get(0);
        findings.acknowledge(ack.id(), "asked the community to recount", "tester");

        ReconcileSummary next = reconcile.reconcile(LocalDate.parse("2025-04-21"));

        // then
        StoredFinding after = findings.find(f.id()).orElseThrow();
        assertThat(after.status()).isEqualTo("RESOLVED");
        assertThat(after.statusBy()).isEqualTo("tester");
        assertThat(after.firstSeen()).isEqualTo("2025-04-20");
        assertThat(after.lastSeen()).isEqualTo("2025-04-21");
        assertThat(findings.find(ack.id()).orElseThrow().status()).isEqualTo("ACKNOWLEDGED");
        assertThat(findings.list(null, null, FindingStatus.RESOLVED))
                .extracting(StoredFinding::id)
                .containsExactly(f.id());
        assertThat(next.rules())
                .filteredOn(r -> r.rule().equals(OutsideSupervisionRule.NAME))
                .singleElement()
                .satisfies(r -> assertThat(r.seenAgain()).isEqualTo(1));
        assertThat(audit.since(before))
                .extracting(AuditLog.Entry::action, AuditLog.Entry::target)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FINDING_RESOLVE", "finding #" + f.id()),
                        org.assertj.core.groups.Tuple.tuple("FINDING_ACK", "finding #" + ack.id()));
    }

    @Test
    void aFindingNoLongerTrueIsClearedAndReopensWhenTrueAgain() {
        // given a finding resolved by an admin and seen again the next day
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));
        findings.resolve(outsideFinding().id(), "钱二 joined early; confirmed with the judicial office", "tester");
        reconcile.reconcile(LocalDate.parse("2025-04-21"));

        // when the roster now says 钱二's supervision began on 1 February
        ingest.ingest(FIXTURES.resolve("roster-fix/roster-fix.csv"), "roster");
        ReconcileSummary cleared = reconcile.reconcile(LocalDate.parse("2025-04-22"));

        StoredFinding f = outsideFinding();
        assertThat(f.clearedOn()).isEqualTo("2025-04-22");
        assertThat(f.lastSeen()).isEqualTo("2025-04-21");
        assertThat(f.status()).isEqualTo("RESOLVED");
        assertThat(cleared.rules())
                .filteredOn(r -> r.rule().equals(OutsideSupervisionRule.NAME))
                .singleElement()
                .satisfies(r -> assertThat(r.cleared()).isEqualTo(1));
        assertThat(findings.list(null, OutsideSupervisionRule.NAME, null)).isEmpty();
        assertThat(findings.list(LocalDate.parse("2025-04-21"), OutsideSupervisionRule.NAME, null))
                .hasSize(1);

        // and back: the same finding again, not a second one
        ingest.ingest(FIXTURES.resolve("roster-revert/roster-revert.csv"), "roster");
        reconcile.reconcile(LocalDate.parse("2025-04-23"));

        StoredFinding again = outsideFinding();
        assertThat(again.id()).isEqualTo(f.id());
        assertThat(again.clearedOn()).isNull();
        assertThat(again.firstSeen()).isEqualTo("2025-04-20");
        assertThat(again.lastSeen()).isEqualTo("2025-04-23");
        assertThat(again.status()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding WHERE rule = ?")
                        .param(OutsideSupervisionRule.NAME)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anOlderDateNeverUndoesALaterRun() {
        // given runs on three days, the outside finding cleared on one and back on the next
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));
        reconcile.reconcile(LocalDate.parse("2025-04-21"));
        ingest.ingest(FIXTURES.resolve("roster-fix/roster-fix.csv"), "roster");
        reconcile.reconcile(LocalDate.parse("2025-04-22"));
        ingest.ingest(FIXTURES.resolve("roster-revert/roster-revert.csv"), "roster");
        reconcile.reconcile(LocalDate.parse("2025-04-23"));
        List<Map<String, Object>> rows = allFindings();

        // when
        reconcile.reconcile(LocalDate.parse("2025-04-23"));
        // rerunning a date already passed keeps every later judgement
        reconcile.reconcile(LocalDate.parse("2025-04-21"));

        assertThat(outsideFinding().lastSeen()).isEqualTo("2025-04-23");
        assertThat(allFindings())
                .extracting(r -> r.get("LAST_SEEN").toString())
                .containsExactlyElementsOf(
                        rows.stream().map(r -> r.get("LAST_SEEN").toString()).toList());
    }

    @Test
    void everyRuleFindsTheSameWhateverTheSliceOfIdsItReadsAtATime() {
        // given the April ledger, where 赵一's conflicting university row now sits on a record merged into his own
        theFilesOfEarlyAprilArrived();
        long zhao = recordId("赵一", "2025-04-04");
        long child = mergedCopyOf(zhao, "university");
        List<ReconcileContext> slices = java.util.stream.IntStream.of(1, 2, 3, 7)
                .mapToObj(
                        n -> new ReconcileContext(LocalDate.parse("2025-04-27"), jdbc, sources, settings, sliceFor(n)))
                .toList();

        // the windows cover every id once, the first and the last included
        List<Long> ids = jdbc.sql("SELECT id FROM support_record ORDER BY id")
                .query(Long.class)
                .list();
        for (ReconcileContext sliced : slices) {
            List<Long> walked = new java.util.ArrayList<>();
            sliced.windows(
                    "support_record",
                    (from, to) ->
                            walked.addAll(jdbc.sql("SELECT id FROM support_record WHERE id >= ? AND id < ? ORDER BY id")
                                    .params(from, to)
                                    .query(Long.class)
                                    .list()));
            assertThat(walked).as("%d ids a window", sliced.slice()).isEqualTo(ids);
        }
        for (ReconciliationRule rule : List.of(unmatched, outside, missingFeed, controlTotal, conflict, noRecent)) {
            List<Finding> whole = found(rule, ctx("2025-04-27"));
            for (ReconcileContext sliced : slices) {
                assertThat(found(rule, sliced))
                        .as("%s read %d ids at a time", rule.name(), sliced.slice())
                        .containsExactlyInAnyOrderElementsOf(whole);
            }
        }
        // the merged record's row is still compared with the community's: same one finding, on the surviving record
        assertThat(found(conflict, slices.get(0)))
                .singleElement()
                .satisfies(f -> assertThat(f.key()).isEqualTo("record:" + zhao));
        assertThat(child).isNotEqualTo(zhao);
        assertThat(found(outside, ctx("2025-04-27"))).isNotEmpty();
        assertThat(found(noRecent, ctx("2025-04-27"))).isNotEmpty();
    }

    @Test
    void aRunWrittenAFewFindingsAtATimeEndsAsOneWrittenWhole() {
        // given the same April, reconciled twice a day apart the usual way
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));
        ReconcileSummary whole = reconcile.reconcile(LocalDate.parse("2025-04-27"));
        List<Map<String, Object>> rows = allFindings();

        // when the same dates are reconciled again, two findings per transaction, the findings walked 2 ids at a time
        ReconcileSummary again = reconcile.reconcile(LocalDate.parse("2025-04-27"), sliceFor(3), 2);

        // then nothing changes, and every finding holding was seen again
        assertThat(again.opened()).isZero();
        assertThat(again.cleared()).isZero();
        assertThat(again.seenAgain()).isEqualTo(whole.opened() + whole.seenAgain());
        assertThat(allFindings()).isEqualTo(rows);

        // and when the roster moves 钱二's start, a small-batch run clears exactly the one finding it no longer sees
        ingest.ingest(FIXTURES.resolve("roster-fix/roster-fix.csv"), "roster");
        ReconcileSummary fixed = reconcile.reconcile(LocalDate.parse("2025-04-28"), 1, 2);
        assertThat(fixed.rules())
                .filteredOn(r -> r.rule().equals(OutsideSupervisionRule.NAME))
                .singleElement()
                .satisfies(r -> assertThat(r.cleared()).isEqualTo(1));
        assertThat(outsideFinding().clearedOn()).isEqualTo("2025-04-28");
        List<Map<String, Object>> afterFix = allFindings();
        ReconcileSummary wholeAgain = reconcile.reconcile(LocalDate.parse("2025-04-28"));
        assertThat(wholeAgain.opened()).isZero();
        assertThat(wholeAgain.cleared()).isZero();
        assertThat(wholeAgain.active()).isEqualTo(fixed.active());
        assertThat(allFindings()).isEqualTo(afterFix);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void aRunThatFailsPartWayIsFinishedByTheNext() {
        // given the April ledger, reconciled once, then the roster fixed (钱二's finding no longer holds)
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));
        ingest.ingest(FIXTURES.resolve("roster-fix/roster-fix.csv"), "roster");
        // and a run that dies in its third rule, after the first two wrote their findings (two to a transaction)
        ReconciliationRule dies = new ReconciliationRule() {
            @Override
            public String name() {
                return MissingFeedRule.NAME;
            }

            @Override
            public void evaluate(ReconcileContext ctx, java.util.function.Consumer<Finding> found) {
                throw new IllegalStateException("the process died here");
            }
        };
        ReconcileService dying = new ReconcileService(
                List.of(unmatched, outside, dies, controlTotal, conflict, noRecent),
                jdbc,
                jdbcTemplate,
                transactions,
                sources,
                settings);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> dying.reconcile(LocalDate.parse("2025-04-27"), ReconcileContext.SLICE, 2))
                .hasMessageContaining("died here");
        // nothing was cleared by the run that died
        assertThat(outsideFinding().clearedOn()).isNull();

        // when the next run goes through
        reconcile.reconcile(LocalDate.parse("2025-04-27"));
        List<Map<String, Object>> finished = allFindings();

        // then it finished what the dead run began (the fixed finding cleared), and running again changes nothing
        ReconcileSummary again = reconcile.reconcile(LocalDate.parse("2025-04-27"));
        assertThat(again.opened()).isZero();
        assertThat(again.cleared()).isZero();
        assertThat(allFindings()).isEqualTo(finished);
        assertThat(outsideFinding().clearedOn()).isEqualTo("2025-04-27");
    }

    @Test
    void aKeyARuleNamesAgainInALaterBatchIsOneNewFinding() {
        // given a rule that names one period twice, with another between, written two findings a transaction
        ReconciliationRule twice = new ReconciliationRule() {
            @Override
            public String name() {
                return MissingFeedRule.NAME;
            }

            @Override
            public void evaluate(ReconcileContext ctx, java.util.function.Consumer<Finding> found) {
                for (String period : List.of("2025-04", "2025-05", "2025-04")) {
                    found.accept(new Finding(
                            name(),
                            "source:community:" + period,
                            Severity.MEDIUM,
                            null,
                            null,
                            "community",
                            null,
                            period));
                }
            }
        };
        ReconcileService service =
                new ReconcileService(List.of(twice), jdbc, jdbcTemplate, transactions, sources, settings);

        // when it runs
        ReconcileSummary run = service.reconcile(LocalDate.parse("2025-06-10"), ReconcileContext.SLICE, 2);

        // then two findings, both new: the second naming is neither a third finding nor one "seen again"
        assertThat(run.rules()).singleElement().satisfies(r -> {
            assertThat(r.opened()).isEqualTo(2);
            assertThat(r.seenAgain()).isZero();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding").query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void twoRunsAtOnceWriteEachNewFindingOnceAndBothComplete() throws Exception {
        // given a rule that names 600 new findings, and two runs of it (two nodes, or a command beside the night)
        // that reach each batch of 50 together: both look the batch up before either has written it
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        ReconciliationRule many = new ReconciliationRule() {
            @Override
            public String name() {
                return MissingFeedRule.NAME;
            }

            @Override
            public void evaluate(ReconcileContext ctx, java.util.function.Consumer<Finding> found) {
                for (int i = 0; i < 600; i++) {
                    if (i % 50 == 49) {
                        try {
                            together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    found.accept(new Finding(
                            name(), "source:many:" + i, Severity.MEDIUM, null, null, "community", null, "2025-05"));
                }
            }
        };
        ReconcileService service =
                new ReconcileService(List.of(many), jdbc, jdbcTemplate, transactions, sources, settings);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // when
            java.util.concurrent.Future<ReconcileSummary> first =
                    two.submit(() -> service.reconcile(LocalDate.parse("2025-06-10"), ReconcileContext.SLICE, 50));
            java.util.concurrent.Future<ReconcileSummary> second =
                    two.submit(() -> service.reconcile(LocalDate.parse("2025-06-10"), ReconcileContext.SLICE, 50));

            // then both complete; each finding is stored once, new to one run and seen again by the other
            ReconcileSummary a = first.get(120, java.util.concurrent.TimeUnit.SECONDS);
            ReconcileSummary b = second.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(a.opened() + b.opened()).isEqualTo(600);
            assertThat(a.opened() + a.seenAgain()).isEqualTo(600);
            assertThat(b.opened() + b.seenAgain()).isEqualTo(600);
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finding WHERE finding_key LIKE 'source:many:%'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(600);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconcile_run WHERE as_of = DATE '2025-06-10'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRunThatStartedLaterIsNeverUndoneByOneStillGoing() {
        // given a finding marked by a later pass (another node's run began after this one)
        theFilesOfEarlyAprilArrived();
        reconcile.reconcile(LocalDate.parse("2025-04-20"));
        StoredFinding f = outsideFinding();
        // this run will take the next pass; the one after it belongs to a run that started later
        long later = jdbc.sql("SELECT last_pass FROM reconcile_pass")
                        .query(Long.class)
                        .single()
                + 2;
        jdbc.sql("UPDATE finding SET seen_pass = ? WHERE id = ?")
                .params(later, f.id())
                .update();

        // when this run no longer sees it (the roster moved 钱二's start)
        ingest.ingest(FIXTURES.resolve("roster-fix/roster-fix.csv"), "roster");
        ReconcileSummary run = reconcile.reconcile(LocalDate.parse("2025-04-21"));

        // then the later run's sighting stands: not cleared by the older run
        assertThat(outsideFinding().clearedOn()).isNull();
        assertThat(run.cleared()).isZero();
    }

    /** {@code n} ids a window, or more when the ledger's record ids are spread so wide that n would take long. */
    private int sliceFor(int n) {
        long span = jdbc.sql("SELECT MAX(id) - MIN(id) FROM support_record")
                .query(Long.class)
                .single();
        return (int) Math.max(n, span / 200);
    }

    /**
     * Moves a record's row from one source onto a copy of the record merged into it (as identity matching leaves a
     * pending record whose person turned out to have the same one), and returns the copy's id.
     */
    private long mergedCopyOf(long recordId, String sourceId) {
        long id =
                jdbc.sql("SELECT MAX(id) FROM support_record").query(Long.class).single() + 1;
        jdbc.sql("""
                        INSERT INTO support_record (id, subject_key, subject_id, person_name, id_masked, category, activity_date,
                                                    agency, quantity, first_file_id, created_at, merged_into)
                        SELECT ?, subject_key, subject_id, person_name, id_masked, category, activity_date,
                               agency || '（合并前）', quantity, first_file_id, created_at, id
                        FROM support_record WHERE id = ?""").params(id, recordId).update();
        assertThat(jdbc.sql("UPDATE record_source SET record_id = ? WHERE record_id = ? AND source_id = ?")
                        .params(id, recordId, sourceId)
                        .update())
                .isEqualTo(1);
        return id;
    }

    @Test
    void theReconcileJobRunsThroughTheJobOperator() {
        // given
        theFilesOfEarlyAprilArrived();

        // when
        ReconcileRunner.Result first = runner.run(LocalDate.parse("2025-04-24"));
        ReconcileRunner.Result again = runner.run(LocalDate.parse("2025-04-24"));

        assertThat(first.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.jobExecutionId()).isNotEqualTo(first.jobExecutionId());
        assertThat(first.summary().rules()).hasSize(7);
        assertThat(again.summary().opened()).isZero();
        assertThat(again.summary().active()).isEqualTo(first.summary().active());
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                        WHERE i.job_name = 'reconcileJob' AND e.status = 'COMPLETED'""").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT findings_active FROM reconcile_run WHERE as_of = ?")
                        .param(LocalDate.parse("2025-04-24"))
                        .query(Integer.class)
                        .single())
                .isEqualTo(first.summary().active());
    }

    /** The roster, then the community, university and micro-lesson files as if received in early April; their id. */
    private long theFilesOfEarlyAprilArrived() {
        ingest.ingest(FIXTURES.resolve("roster/roster.csv"), "roster");
        long communityFile =
                arrivedOn(ingest.ingest(FIXTURES.resolve("community/ledger.csv"), "community"), "2025-04-03T10:00:00");
        arrivedOn(ingest.ingest(FIXTURES.resolve("university/sessions.csv"), "university"), "2025-04-04T10:00:00");
        arrivedOn(ingest.ingest(FIXTURES.resolve("micro-lesson/lessons.json"), "micro-lesson"), "2025-04-16T02:00:00");
        jdbc.sql("UPDATE support_record SET created_at = ?")
                .param(Timestamp.valueOf(LocalDateTime.parse("2025-04-06T10:00:00")))
                .update();
        return communityFile;
    }

    /** What a rule finds, in the order it hands them on. */
    static List<Finding> found(ReconciliationRule rule, ReconcileContext ctx) {
        List<Finding> out = new java.util.ArrayList<>();
        rule.evaluate(ctx, out::add);
        return out;
    }

    private ReconcileContext ctx(String asOf) {
        return new ReconcileContext(LocalDate.parse(asOf), jdbc, sources, settings);
    }

    private long arrivedOn(FileIngestService.Result result, String at) {
        long id = result.file().orElseThrow().id();
        jdbc.sql("UPDATE ingest_file SET received_at = ? WHERE id = ?")
                .params(Timestamp.valueOf(LocalDateTime.parse(at)), id)
                .update();
        return id;
    }

    private long recordId(String name, String date) {
        return jdbc.sql(
                        "SELECT id FROM support_record WHERE person_name = ? AND activity_date = ? AND merged_into IS NULL")
                .params(name, LocalDate.parse(date))
                .query(Long.class)
                .single();
    }

    private StoredFinding outsideFinding() {
        return jdbc.sql("SELECT * FROM finding WHERE rule = ?")
                .param(OutsideSupervisionRule.NAME)
                .query(FindingsService.ROW)
                .single();
    }

    private List<Map<String, Object>> allFindings() {
        // what a reader sees of each finding: the pass that last saw it is the runs' own bookkeeping
        List<Map<String, Object>> rows =
                jdbc.sql("SELECT * FROM finding ORDER BY id").query().listOfRows();
        rows.forEach(r -> r.remove("SEEN_PASS"));
        return rows;
    }
}
