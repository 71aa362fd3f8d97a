package dev.orderplatform.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The verdict of a run: what the users did, what the platform ended with, and whether the stock invariant holds.
 * It fails when the audit finds a violation (or cannot run), or when an unpaid order was never closed by its timeout.
 */
final class Verdict {

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> offendingOrders = new ArrayList<>();

    Verdict(
            String runId,
            String simulation,
            LoadSettings settings,
            PlatformUnderTest platform,
            Ledger ledger,
            Settler settler,
            AuditResult audit,
            Chaos chaos,
            Instant startedAt) {
        long stillOpen = settler.openUnpaid();
        if (audit == null) {
            failures.add("the stock audit did not run");
        } else if (!audit.answered()) {
            failures.add("the stock audit failed: " + audit.error());
        } else if (!audit.consistent()) {
            failures.add("stock invariant violated: " + audit.summary());
            offendingOrders.addAll(audit.offendingOrders());
        }
        if (stillOpen > 0) {
            failures.add(stillOpen + " unpaid order(s) still WAIT_BUYER_PAY long after their timeout");
            ledger.unpaidOrders().stream()
                    .filter(order -> order.lastStatus.equals("WAIT_BUYER_PAY"))
                    .limit(50)
                    .forEach(order -> offendingOrders.add(order.orderSn));
        }

        json.put("run", runId);
        json.put("simulation", simulation);
        json.put("passed", failures.isEmpty());
        json.put("failures", failures);
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", Instant.now().toString());
        json.put("platform", platform.describe());
        json.put("settings", settings.asMap());
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("attempted", ledger.attempted.sum());
        orders.put("created", ledger.created.sum());
        orders.put("paid", ledger.paid.sum());
        orders.put("abandoned", ledger.abandoned.sum());
        orders.put("closedByTimeout", ledger.statusCounts().getOrDefault("TRADE_CLOSED", 0L));
        orders.put("payLostToTimeout", ledger.payLostToTimeout.sum());
        orders.put("payFailed", ledger.payFailed.sum());
        orders.put("refusedForStock", ledger.refusedForStock.sum());
        orders.put("createFailed", ledger.createFailed.sum());
        orders.put("stillOpenAfterTimeout", stillOpen);
        orders.put("finalStatuses", ledger.statusCounts());
        json.put("orders", orders);
        json.put("timeoutLatenessMs", lateness(settler.timeoutLatenessMillis()));
        Map<String, Object> settle = new LinkedHashMap<>();
        settle.put("outcome", settler.phase().name());
        settle.put("seconds", settler.elapsed().toSeconds());
        json.put("settle", settle);
        if (audit != null && audit.answered()) {
            Map<String, Object> auditJson = new LinkedHashMap<>();
            auditJson.put("consistent", audit.consistent());
            auditJson.put("orders", audit.number("orders"));
            auditJson.put("liveOrders", audit.number("liveOrders"));
            auditJson.put("deductedRecords", audit.number("deductedRecords"));
            auditJson.put("returnedRecords", audit.number("returnedRecords"));
            auditJson.put("violations", audit.violations());
            json.put("audit", auditJson);
        }
        json.put("offendingOrders", offendingOrders);
        if (chaos != null) {
            json.put("chaos", chaos.events());
        }
    }

    boolean passed() {
        return failures.isEmpty();
    }

    /** Violations and stuck orders, as one number for the Gatling check: zero iff the verdict passes. */
    int problemCount() {
        return failures.size();
    }

    // FormatString: the counts are JSON numbers read as Object (Integer or Long at run time), which %d formats.
    @SuppressWarnings({"unchecked", "FormatString"})
    void print(Optional<Path> reportDir) {
        Map<String, Object> orders = (Map<String, Object>) json.get("orders");
        StringBuilder out = new StringBuilder();
        out.append("\n================================ VERDICT ================================\n");
        out.append(String.format(Locale.ROOT, "orders attempted      %8d%n", orders.get("attempted")));
        out.append(String.format(Locale.ROOT, "  created             %8d%n", orders.get("created")));
        out.append(String.format(Locale.ROOT, "  paid                %8d%n", orders.get("paid")));
        out.append(String.format(
                Locale.ROOT,
                "  closed by timeout   %8d   (abandoned %d, payment lost to the timeout %d)%n",
                orders.get("closedByTimeout"),
                orders.get("abandoned"),
                orders.get("payLostToTimeout")));
        out.append(String.format(
                Locale.ROOT,
                "  refused for stock   %8d   (409 INSUFFICIENT_STOCK, expected)%n",
                orders.get("refusedForStock")));
        out.append(String.format(
                Locale.ROOT,
                "  create failed       %8d   (errors or unknown outcome; the audit covers them)%n",
                orders.get("createFailed")));
        out.append(String.format(Locale.ROOT, "final statuses        %s%n", orders.get("finalStatuses")));
        out.append(String.format(Locale.ROOT, "timeout lateness (ms) %s%n", json.get("timeoutLatenessMs")));
        Object audit = json.get("audit");
        if (audit instanceof Map<?, ?> a) {
            out.append(String.format(
                    Locale.ROOT,
                    "stock audit           %s: %s orders, %s live, sell records %s deducted / %s returned%n",
                    Boolean.TRUE.equals(a.get("consistent")) ? "CONSISTENT" : "VIOLATED",
                    a.get("orders"),
                    a.get("liveOrders"),
                    a.get("deductedRecords"),
                    a.get("returnedRecords")));
            for (Object violation : (List<Object>) a.get("violations")) {
                out.append("  violation: ").append(violation).append('\n');
            }
        }
        if (json.containsKey("chaos")) {
            out.append("chaos                 ").append(json.get("chaos")).append('\n');
        }
        out.append(String.format(
                Locale.ROOT,
                "settled               %s after %s s%n",
                ((Map<?, ?>) json.get("settle")).get("outcome"),
                ((Map<?, ?>) json.get("settle")).get("seconds")));
        if (passed()) {
            out.append("VERDICT: PASSED - no unit of stock lost or returned twice\n");
        } else {
            out.append("VERDICT: FAILED\n");
            failures.forEach(failure -> out.append("  - ").append(failure).append('\n'));
            if (!offendingOrders.isEmpty()) {
                out.append("  offending orders: ")
                        .append(String.join(", ", offendingOrders))
                        .append('\n');
            }
        }
        reportDir.ifPresent(dir ->
                out.append("report: ").append(dir.resolve("index.html").toUri()).append('\n'));
        out.append("=========================================================================\n");
        System.out.print(out);
    }

    /** Writes verdict.json into the Gatling run directory and a copy plus a CSV line into the results directory. */
    void write(Optional<Path> reportDir, Path resultsDir) {
        String text = PlatformApi.JSON
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(json);
        try {
            if (reportDir.isPresent()) {
                Files.writeString(reportDir.get().resolve("verdict.json"), text);
                json.put("report", reportDir.get().resolve("index.html").toString());
            }
            Path runs = resultsDir.resolve("runs");
            Files.createDirectories(runs);
            Path copy = runs.resolve(json.get("run") + "-verdict.json");
            Files.writeString(copy, text);
            Path csv = resultsDir.resolve("runs/verdicts.csv");
            if (!Files.exists(csv)) {
                Files.writeString(
                        csv,
                        "run,simulation,mode,rate,plateauSeconds,passed,attempted,created,paid,"
                                + "closedByTimeout,refusedForStock,createFailed,violations,stillOpen,settleSeconds\n");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> orders = (Map<String, Object>) json.get("orders");
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) json.get("settings");
            Object audit = json.get("audit");
            int violations = audit instanceof Map<?, ?> a ? ((List<?>) a.get("violations")).size() : -1;
            String line = String.join(
                            ",",
                            String.valueOf(json.get("run")),
                            String.valueOf(json.get("simulation")),
                            settings.get("run") + "/" + settings.get("protocolMode"),
                            String.valueOf(settings.get("rate")),
                            String.valueOf(settings.get("plateauSeconds")),
                            String.valueOf(passed()),
                            String.valueOf(orders.get("attempted")),
                            String.valueOf(orders.get("created")),
                            String.valueOf(orders.get("paid")),
                            String.valueOf(orders.get("closedByTimeout")),
                            String.valueOf(orders.get("refusedForStock")),
                            String.valueOf(orders.get("createFailed")),
                            String.valueOf(violations),
                            String.valueOf(orders.get("stillOpenAfterTimeout")),
                            String.valueOf(((Map<?, ?>) json.get("settle")).get("seconds")))
                    + "\n";
            Files.writeString(csv, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            System.out.println("verdict: "
                    + reportDir.map(dir -> dir.resolve("verdict.json")).orElse(copy) + " (copy: " + copy + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the verdict", e);
        }
    }

    /**
     * Gatling's run directory of this simulation: the newest directory under the results folder whose name starts
     * with the simulation id and that was created after this run started.
     */
    static Optional<Path> findReportDir(Path gatlingDir, String simulationId, Instant startedAt) {
        if (!Files.isDirectory(gatlingDir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(gatlingDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().startsWith(simulationId + "-"))
                    .filter(dir -> modified(dir) >= startedAt.toEpochMilli() - 60_000)
                    .max(Comparator.comparingLong(Verdict::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, Object> lateness(List<Long> millis) {
        Map<String, Object> stats = new LinkedHashMap<>();
        List<Long> sorted;
        synchronized (millis) {
            sorted = millis.stream().sorted().toList();
        }
        stats.put("count", sorted.size());
        if (!sorted.isEmpty()) {
            stats.put("p50", sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))));
            stats.put("p99", sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))));
            stats.put("max", sorted.getLast());
        }
        return stats;
    }

    static JsonNode toJson(Object value) {
        return PlatformApi.JSON.valueToTree(value);
    }
}
