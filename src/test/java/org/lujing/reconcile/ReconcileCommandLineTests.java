package org.lujing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lujing.cli.LujingCommand;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The reconcile and findings commands parse as documented (no application is started). */
class ReconcileCommandLineTests {

    @Test
    void reconcileAndFindingsParse() {
        ParseResult reconcile = parse("reconcile", "--date", "2025-04-20", "--json");
        assertThat((Object) reconcile.subcommand().matchedOptionValue("--date", null))
                .hasToString("2025-04-20");

        ParseResult list = parse("findings", "--rule", "MISSING_FEED", "--status", "OPEN", "--json");
        assertThat(FindingStatus.parse(list.subcommand().matchedOptionValue("--status", "")))
                .isEqualTo(FindingStatus.OPEN);
        // the status as the worker reads it
        ParseResult byWord = parse("findings", "--status", "待处理");
        assertThat(FindingStatus.parse(byWord.subcommand().matchedOptionValue("--status", "")))
                .isEqualTo(FindingStatus.OPEN);

        ParseResult ack = parse("findings", "ack", "3", "--note", "on it", "--as", "operator");
        assertThat(ack.subcommand().subcommand().commandSpec().name()).isEqualTo("ack");
        assertThat((Object) ack.subcommand().subcommand().matchedPositionalValue(0, 0L))
                .isEqualTo(3L);

        ParseResult resolve = parse("findings", "resolve", "3", "--note", "fixed at the source");
        assertThat(resolve.subcommand().subcommand().commandSpec().name()).isEqualTo("resolve");
    }

    @Test
    void aStatusChangeNeedsANote() {
        assertThat(new CommandLine(new LujingCommand()).execute("findings", "ack", "3"))
                .isEqualTo(2);
    }

    private static ParseResult parse(String... args) {
        return new CommandLine(new LujingCommand()).parseArgs(args);
    }
}
