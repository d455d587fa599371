package org.lujing.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lujing.LujingApplication;
import org.lujing.db.DatabaseServerClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring application for a command: with the inbox route, the scheduler and the web console running for
 * {@code serve}, quietly otherwise.
 */
final class Boot {

    private Boot() {}

    /**
     * File names are read in the locale's encoding, fixed when the JVM starts: under {@code LANG=C} (systemd, cron,
     * a bare ssh) a partner's {@code 2025年台账.xlsx} dropped into the inbox was never picked up, and nothing said
     * so. Refused with what to do instead, before anything is read or written.
     */
    static void requireUtf8FileNames(String encoding) {
        boolean utf8;
        try {
            utf8 = encoding != null
                    && java.nio.charset.Charset.forName(encoding).equals(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            utf8 = false;
        }
        if (!utf8) {
            throw new IllegalArgumentException(
                    "系统的区域设置（locale）用 " + encoding
                            + " 编码文件名，含中文的文件名无法读写，收件箱里的这类文件会被漏掉。请以 UTF-8 区域设置运行："
                            + "LANG=C.UTF-8 java -jar lujing.jar …（systemd：Environment=LANG=C.UTF-8）"
                            + org.lujing.ledger.Bilingual.SEPARATOR + "the locale encodes file names in " + encoding
                            + ": file names in Chinese cannot be read or written, and such files in the inbox would be missed."
                            + " Run with a UTF-8 locale: LANG=C.UTF-8 java -jar lujing.jar … (systemd: Environment=LANG=C.UTF-8)");
        }
    }

    static ConfigurableApplicationContext start(Path home, boolean serve, boolean verbose) {
        requireUtf8FileNames(System.getProperty("sun.jnu.encoding"));
        SpringApplication app = new SpringApplication(LujingApplication.class);
        // the web console and the JSON API run with `serve` only; a command is in and out without a port
        app.setWebApplicationType(serve ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        app.setLogStartupInfo(serve);
        Map<String, Object> defaults = new HashMap<>();
        installation().ifPresent(dir -> defaults.put("lujing.install-dir", dir.toString()));
        if (serve) {
            // serve shares its embedded database with the commands run meanwhile, through an HSQLDB server
            defaults.put("lujing.db.server.enabled", "true");
            // what a dead node (or this one before a crash) left is taken over by serve, at start and periodically;
            // commands only beat, so that their own runs are not taken for dead
            defaults.put("lujing.jobs.takeover", "true");
        } else {
            // a command finds a running serve's server in data/server.properties and goes through it
            app.addListeners(new DatabaseServerClient());
            // the stored nightly trigger is serve's: a command's cron (or default) never replaces it
            defaults.put("lujing.nightly.writes-schedule", "false");
        }
        app.setDefaultProperties(defaults);
        // a key created now is told on the terminal as a sentence of its own; serve's log keeps it as a warning
        org.lujing.home.OperatorNotice.onTerminal(!serve && !verbose);
        List<String> args = new ArrayList<>();
        if (home != null) {
            args.add("--lujing.home=" + home.toAbsolutePath().normalize());
        }
        if (serve) {
            args.add("--spring.quartz.auto-startup=true");
            if (!verbose) {
                // a serve that cannot start (its port taken, its home held) ends with one line in the operator's words
                // (UserMessages); Spring's English "APPLICATION FAILED TO START" box above it is for --verbose
                args.add("--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=OFF");
                args.add(
                        "--logging.level.org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger=WARN");
            }
        } else {
            args.add("--camel.main.auto-startup=false");
            if (!verbose) {
                args.add("--logging.level.root=WARN");
                // a failed start is explained in one sentence by UserMessages; the stack trace is for --verbose
                args.add("--logging.level.org.springframework.boot.SpringApplication=OFF");
                args.add(
                        "--logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext=ERROR");
                // a command's Camel context is up only for moments, which Camel warns about
                args.add("--logging.level.org.apache.camel.spring.boot.SpringBootCamelContext=ERROR");
                // a refused or quarantined file is the command's own result, printed in the operator's words (the
                // log's English line is for serve's log and --verbose); POI's notes on odd workbooks likewise
                args.add("--logging.level.org.lujing.ingest=ERROR");
                args.add("--logging.level.org.apache.poi=OFF");
                // what the command prints already says it in the operator's words: a night stopped at a step, a serve
                // killed before it could clean up (the command cleaned up for it)
                args.add("--logging.level.org.lujing.schedule.NightlyChain=OFF");
                args.add("--logging.level.org.lujing.db.DatabaseServerClient=ERROR");
                // a failed step's stack trace is for --verbose: the command prints why the run stopped, and what next
                args.add("--logging.level.org.springframework.batch.core.step.AbstractStep=OFF");
            }
        }
        // the operator's --name=value properties win over the command's own (a property given twice would be joined)
        for (String property : LujingCommand.SPRING_PROPERTIES.get()) {
            String name = property.substring(0, property.indexOf('=') + 1);
            args.removeIf(a -> a.startsWith(name));
            args.add(property);
        }
        return app.run(args.toArray(String[]::new));
    }

    /**
     * The installation holding routes/ and jobs/: the working directory when it has them (running from the repo),
     * else the folder above the jar's (target/lujing.jar inside the repo), else nothing and the defaults apply.
     */
    static java.util.Optional<Path> installation() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("jobs/sources"))) {
            return java.util.Optional.of(cwd);
        }
        for (Path p = launchedJar(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("jobs/sources"))) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The installation as the application will take it: {@code lujing.install-dir} when the operator set it (as
     * {@code --lujing.install-dir=DIR}, a system property or {@code LUJING_INSTALL_DIR}), else {@link #installation()}.
     */
    static java.util.Optional<Path> configuredInstallation(Map<String, String> env) {
        String prefix = "--lujing.install-dir=";
        for (String property : LujingCommand.SPRING_PROPERTIES.get()) {
            if (property.startsWith(prefix) && property.length() > prefix.length()) {
                return java.util.Optional.of(Path.of(property.substring(prefix.length())));
            }
        }
        for (String set : new String[] {System.getProperty("lujing.install-dir"), env.get("LUJING_INSTALL_DIR")}) {
            if (set != null && !set.isBlank()) {
                return java.util.Optional.of(Path.of(set.strip()));
            }
        }
        return installation();
    }

    /**
     * The folder of source definitions the application will read ({@code lujing.jobs-dir}/sources, by default the
     * installation's {@code jobs/sources}), when it is not there: a command refuses before it makes a home or starts.
     */
    static java.util.Optional<Path> missingSources(Map<String, String> env) {
        if (configuredElsewhere(env)) {
            return java.util.Optional.empty(); // set in a way only Spring reads: the application says what it finds
        }
        Path jobs = null;
        String prefix = "--lujing.jobs-dir=";
        for (String property : LujingCommand.SPRING_PROPERTIES.get()) {
            if (property.startsWith(prefix) && property.length() > prefix.length()) {
                jobs = Path.of(property.substring(prefix.length()));
            }
        }
        for (String set : new String[] {System.getProperty("lujing.jobs-dir"), env.get("LUJING_JOBSDIR")}) {
            if (jobs == null && set != null && !set.isBlank()) {
                jobs = Path.of(set.strip());
            }
        }
        if (jobs == null) {
            jobs = configuredInstallation(env).orElse(Path.of("")).resolve("jobs");
        }
        Path sources = jobs.resolve("sources").toAbsolutePath().normalize();
        return Files.isDirectory(sources) ? java.util.Optional.empty() : java.util.Optional.of(sources);
    }

    /**
     * Whether the installation or the jobs folder may be set where this check does not look: Spring's other spellings
     * of the variables, its JSON and config-file sources. The check then leaves the answer to the application.
     */
    private static boolean configuredElsewhere(Map<String, String> env) {
        for (String name : new String[] {
            "LUJING_INSTALLDIR",
            "LUJING_JOBS_DIR",
            "SPRING_APPLICATION_JSON",
            "SPRING_CONFIG_LOCATION",
            "SPRING_CONFIG_ADDITIONAL_LOCATION",
            "SPRING_CONFIG_IMPORT"
        }) {
            if (env.get(name) != null && !env.get(name).isBlank()) {
                return true;
            }
        }
        if (System.getProperty("spring.application.json") != null
                || LujingCommand.SPRING_PROPERTIES.get().stream().anyMatch(p -> p.startsWith("--spring."))) {
            return true;
        }
        for (String file : new String[] {
            "application.properties",
            "application.yaml",
            "application.yml",
            "config/application.properties",
            "config/application.yaml",
            "config/application.yml"
        }) {
            if (Files.exists(Path.of(file))) {
                return true;
            }
        }
        return false;
    }

    /** The jar given to {@code java -jar} (its class path is that one jar), or null when not run that way. */
    private static Path launchedJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            try {
                return Path.of(classPath).toAbsolutePath().getParent();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
