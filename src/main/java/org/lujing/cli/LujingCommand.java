package org.lujing.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar lujing.jar <command>}: the command line operators and scripts use. */
@Command(
        name = "lujing",
        mixinStandardHelpOptions = true,
        version = "Lujing 0.1",
        description = "Lujing: one support-record ledger from many partners' spreadsheets.",
        subcommands = {
            ServeCommand.class,
            IngestCommand.class,
            StatsCommand.class,
            ReportCommand.class,
            FilesCommand.class,
            DemoCommand.class,
            RejectsCommand.class,
            SubjectsCommand.class,
            IdentityCommand.class,
            AuditCommand.class,
            KeysCommand.class,
            ReconcileCommand.class,
            FindingsCommand.class,
            NightlyCommand.class,
            ScheduleCommand.class,
            JobsCommand.class,
            UsersCommand.class,
            CommandLine.HelpCommand.class
        })
public class LujingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new LujingCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lujing: " + UserMessages.explain(e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }
}
