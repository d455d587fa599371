package org.lujing.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.LongSupplier;
import org.lujing.console.JobProgress;
import org.lujing.operations.JobQueries;

/**
 * {@code ingest}'s progress bar on a terminal: while the command's ingest runs, a line on stderr redrawn every half
 * second — a bar and the percentage once the total is known (publication), rows done and the time left. Only when
 * there is a terminal (stdout and stdin on a console); scripts and {@code --json} see nothing of it.
 */
final class ProgressLine implements AutoCloseable {

    private final Thread thread;
    private final PrintStream out;
    private volatile boolean stopped;
    private int width;

    private ProgressLine(JobQueries jobs, JobProgress progress, String jobName, LongSupplier since, PrintStream out) {
        this.out = out;
        this.thread = new Thread(
                () -> {
                    while (!stopped) {
                        try {
                            List<JobQueries.Execution> running = jobs.search(jobName, "STARTED", null, null, 1);
                            if (!running.isEmpty() && running.get(0).id() >= since.getAsLong()) {
                                progress.of(running.get(0).id(), CliWords.lang())
                                        .ifPresent(p -> draw(render(p, 30)));
                            }
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            // a progress line is worth no failed ingest: try again at the next tick
                        }
                    }
                },
                "ingest-progress");
        thread.setDaemon(true);
    }

    /** A progress line when the command runs on a terminal, else one that does nothing. */
    static ProgressLine start(JobQueries jobs, JobProgress progress, boolean wanted) {
        return start(jobs, progress, "fileIngestJob", wanted);
    }

    /** The same for the newest running execution of a job ({@code nightlyStepJob}: the night's step i of n). */
    static ProgressLine start(JobQueries jobs, JobProgress progress, String jobName, boolean wanted) {
        if (!wanted || System.console() == null) {
            return new ProgressLine(null, null, jobName, () -> 0, null);
        }
        long since = jobs.search(null, null, null, null, 1).stream()
                .mapToLong(JobQueries.Execution::id)
                .max()
                .orElse(0);
        ProgressLine line = drawingOn(jobs, progress, jobName, () -> since + 1, System.err);
        line.thread.start();
        return line;
    }

    /** A progress line drawn on {@code out}, its thread not yet started. */
    static ProgressLine drawingOn(
            JobQueries jobs, JobProgress progress, String jobName, LongSupplier since, PrintStream out) {
        ProgressLine line = new ProgressLine(jobs, progress, jobName, since, out);
        // a notice while the bar is drawn (正在停止… after Ctrl-C) stands on its own line, the bar beneath it
        org.lujing.home.OperatorNotice.printing(line::around);
        return line;
    }

    /** {@code [███████░░░░░░░]  47%  写入台账：28000 / 60000 行（47%），预计还需 12 秒}, or the text alone before a total. */
    static String render(JobProgress.Progress p, int bar) {
        if (p.percent() == null) {
            return p.text();
        }
        int filled = Math.max(0, Math.min(bar, p.percent() * bar / 100));
        return "[" + "█".repeat(filled) + "░".repeat(bar - filled) + "] " + String.format("%3d%%", p.percent()) + "  "
                + p.text();
    }

    synchronized void draw(String line) {
        // in terminal columns: a Chinese character takes two, and a shorter line must cover all of the last one's
        int columns = org.lujing.report.TextTable.width(line);
        String padded = columns < width ? line + " ".repeat(width - columns) : line;
        width = columns;
        out.print("\r" + padded);
        out.flush();
    }

    /** Clears the line before a result is printed under it; the next tick draws it again. */
    synchronized void clearLine() {
        if (out != null && width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
            width = 0;
        }
    }

    /** Prints {@code print}'s line where the bar was; the next tick draws the bar again beneath it. */
    private synchronized void around(Runnable print) {
        clearLine();
        print.run();
    }

    @Override
    public void close() {
        stopped = true;
        if (out != null) {
            org.lujing.home.OperatorNotice.printing(null);
            thread.interrupt();
            synchronized (this) {
                if (width > 0) {
                    out.print("\r" + " ".repeat(width) + "\r");
                    out.flush();
                }
            }
        }
    }
}
