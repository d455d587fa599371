package org.lujing.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.lujing.report.ReportLanguage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar lujing.jar <command>}: the command line operators and scripts use. */
@Command(
        name = "lujing",
        mixinStandardHelpOptions = true,
        // --help (and --version) on every command: `lujing jobs restart --help`
        scope = CommandLine.ScopeType.INHERIT,
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
            SourcesCommand.class,
            CommandLine.HelpCommand.class
        })
public class LujingCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Arguments {@code --name=value} whose name has a dot ({@code --server.port=18183}, {@code
     * --lujing.nightly.cron=...}) are Spring properties, as the README documents: they go to the application, any
     * command, and the rest to picocli. Set for the command being run.
     */
    static final ThreadLocal<List<String>> SPRING_PROPERTIES = ThreadLocal.withInitial(List::of);

    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

    /** The zone of every time the ledger stores and shows: Changsha's (domain.md), whatever the machine's. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    /** The jar's entry point: runs one command and exits with its code. */
    public static void main(String[] args) {
        // the database's TIMESTAMP columns hold wall-clock times in the JVM's zone: a node on a UTC server and one on
        // a Beijing-time server sharing PostgreSQL read each other's heartbeats as eight hours old (and took over each
        // other's files), and the missing-feed rule's "by the 5th" moved with the server's zone
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(ZONE));
        // what a command prints is UTF-8 whatever the locale: under LANG=C (systemd, cron, a bare ssh) Java 17 wrote
        // every Chinese character as '?'
        // and a partner's cell quoted in it cannot command the operator's terminal (escape sequences, overrides)
        System.setOut(utf8(java.io.FileDescriptor.out, false));
        System.setErr(utf8(java.io.FileDescriptor.err, true));
        System.exit(run(args));
    }

    private static java.io.PrintStream utf8(java.io.FileDescriptor fd, boolean carriageReturn) {
        return new java.io.PrintStream(
                new TerminalSafeOutput(
                        new java.io.BufferedOutputStream(new java.io.FileOutputStream(fd), 8192), carriageReturn),
                true,
                java.nio.charset.StandardCharsets.UTF_8);
    }

    public static int run(String... args) {
        List<String> springProperties = new ArrayList<>();
        List<String> commandLine = new ArrayList<>();
        for (String arg : args) {
            (SPRING_PROPERTY.matcher(arg).matches() ? springProperties : commandLine).add(arg);
        }
        SPRING_PROPERTIES.set(List.copyOf(springProperties));
        try {
            return execute(commandLine.toArray(String[]::new));
        } finally {
            SPRING_PROPERTIES.remove();
        }
    }

    private static int execute(String... args) {
        CommandLine cli = new CommandLine(new LujingCommand());
        // `-home X` (one dash) read as -h -o -m -e printed the usage and exit 0 with nothing done: no clustering, so it
        // is an unknown option with --home suggested
        cli.setPosixClusteredShortOptionsAllowed(false);
        // plain help: on a terminal picocli would colour it with escape sequences, which every command's output
        // prints visibly (TerminalSafeOutput), so the usage read ␛[1mlujing␛[21m…
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        // picocli would encode in the locale's charset (ASCII under LANG=C): UTF-8, as System.out is
        cli.setOut(new java.io.PrintWriter(
                new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(
                new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        if (CliWords.lang() == ReportLanguage.ZH) {
            cli.setResourceBundle(chineseHelp());
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lujing: " + UserMessages.explain(e));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        cli.setParameterExceptionHandler((e, arguments) -> {
            // picocli says what is wrong in English: said here in the operator's language, with where the usage is
            CommandLine wrong = e.getCommandLine();
            ReportLanguage lang = CliWords.lang();
            wrong.getErr().println("lujing: " + CommandLineMistakes.explain(e, lang));
            if (lang == ReportLanguage.EN) {
                CommandLine.UnmatchedArgumentException.printSuggestions(e, wrong.getErr());
            }
            wrong.getErr().println(CommandLineMistakes.help(wrong, lang));
            return wrong.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionStrategy(parsed -> {
            String refused = HomeCheck.refusal(parsed, System.getenv("LUJING_HOME"));
            if (refused != null) {
                parsed.commandSpec().commandLine().getErr().println("lujing: " + refused);
                return 2;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli.execute(args);
    }

    /** The usage help's words in Chinese ({@code help-zh.properties}, UTF-8), for every command. */
    static java.util.ResourceBundle chineseHelp() {
        try (var in = LujingCommand.class.getResourceAsStream("help-zh.properties")) {
            if (in == null) {
                throw new IllegalStateException("help-zh.properties is missing from the jar");
            }
            return new java.util.PropertyResourceBundle(
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
