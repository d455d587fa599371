package org.lujing.console;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lujing.ingest.FileRegistry;
import org.lujing.ingest.InboxFailures;
import org.lujing.ledger.Category;
import org.lujing.ledger.Period;
import org.lujing.ledger.Statistics;
import org.lujing.ledger.StatisticsQuery;
import org.lujing.operations.JobQueries;
import org.lujing.source.AgencyDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The first page: today's files, running and failed jobs, open findings, and the month's records by category. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class DashboardController {

    private final ConsoleQueries queries;
    private final JobQueries jobs;
    private final StatisticsQuery statistics;
    private final AgencyDirectory agencies;
    private final InboxFailures failures;
    private final java.time.Duration maxLock;

    DashboardController(
            ConsoleQueries queries,
            JobQueries jobs,
            StatisticsQuery statistics,
            AgencyDirectory agencies,
            InboxFailures failures,
            @org.springframework.beans.factory.annotation.Value("${lujing.console.login.max-lock}")
                    java.time.Duration maxLock) {
        this.failures = failures;
        this.maxLock = maxLock;
        this.queries = queries;
        this.jobs = jobs;
        this.statistics = statistics;
        this.agencies = agencies;
    }

    /**
     * The sign-in form. After a sign-in refused for a lock, {@code locked} holds the lock's end (epoch seconds) and
     * the form says until when, as the API's answer does; any other value — one no lock can have (past, or further
     * off than the longest lock: the address is anyone's to write) — shows the lock without a time.
     */
    @GetMapping("/login")
    String login(@RequestParam(required = false) String locked, Model model) {
        if (locked != null && locked.matches("\\d{1,12}")) {
            java.time.Instant until = java.time.Instant.ofEpochSecond(Long.parseLong(locked));
            java.time.Instant now = java.time.Instant.now();
            if (until.isAfter(now) && !until.isAfter(now.plus(maxLock).plusSeconds(60))) {
                model.addAttribute("lockedUntil", ThrottledAuthenticationProvider.untilText(until));
            }
        }
        return "login";
    }

    /**
     * Signing out is a form's POST (a link anyone could plant must not sign a worker out); a typed or bookmarked
     * {@code /logout} found no page. It now asks, with the button.
     */
    @GetMapping("/logout")
    String logout() {
        return "logout";
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) String month, Model model) {
        // opens on the latest month that has records (not an empty current month early in a reporting cycle)
        YearMonth ym;
        try {
            ym = month == null || month.isBlank()
                    ? queries.latestMonthWithRecords().orElse(YearMonth.now(ConsoleQueries.SHANGHAI))
                    : YearMonth.parse(month.strip());
            Period.parse(ym.toString()); // the years a period may have (1900–2999), as everywhere else
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
            // a month typed into the address: the page's error, not a server failure
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "月份应写作 2025-03（1900 至 2999 年） ‖ a month is written 2025-03 (years 1900 to 2999)");
        }
        LocalDate today = LocalDate.now(ConsoleQueries.SHANGHAI);
        model.addAttribute("today", today);
        FileRegistry.Received received = queries.filesReceivedOn(today);
        model.addAttribute("todayFiles", received.newest());
        model.addAttribute("todayFileCount", received.all());
        model.addAttribute("todayFilesNotListed", received.notListed());
        model.addAttribute("running", jobs.search(null, "STARTED", null, null, 50));
        model.addAttribute("failed", jobs.failedAwaitingRestart(50));
        model.addAttribute("openFindings", queries.openFindings());
        // the newest of them: a source whose every drop failed would otherwise list them all on every view
        InboxFailures.Newest failed = failures.newest(ConsoleQueries.FAILED_DROPS_SHOWN);
        model.addAttribute("failedDrops", failed.drops());
        model.addAttribute("failedDropsTotal", failed.total());
        model.addAttribute("month", ym.toString());
        Map<String, Object> chart = monthChart(ym);
        model.addAttribute("chart", chart);
        model.addAttribute("chartJson", scriptSafeJson(chart));
        // the chart counts the slices of a file being loaded as they commit: said, so a half-loaded month is not read
        // as the month
        model.addAttribute("loadingFiles", queries.filesLoading());
        return "dashboard";
    }

    private static final tools.jackson.databind.ObjectMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** JSON to sit inside a {@code <script type="application/json">}: no '<', '>' or '&' that could end it early. */
    static String scriptSafeJson(Object value) {
        return JSON.writeValueAsString(value)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    /** The month's records (person-times) per category, in the order of domain.md, for the chart. */
    Map<String, Object> monthChart(YearMonth ym) {
        Statistics s = statistics.compute(Period.parse(ym.toString()), agencies::isPartner);
        List<String> codes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> records = new ArrayList<>();
        for (Category c : Category.values()) {
            codes.add(c.name());
            names.add(c.zh());
            records.add(s.figures(c).records());
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("month", ym.toString());
        chart.put("categories", codes);
        chart.put("names", names);
        chart.put("records", records);
        chart.put("total", records.stream().mapToLong(Long::longValue).sum());
        chart.put("pending", s.pendingRecords());
        return chart;
    }
}
