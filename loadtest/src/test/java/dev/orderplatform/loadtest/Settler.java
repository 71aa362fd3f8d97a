package dev.orderplatform.loadtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Waits, after the load, until the platform has settled: every unpaid order's timeout has passed and closed it, and
 * the returns are consumed (the audit is clean) — or until the bound ({@code settleSeconds} beyond the last order's
 * due time) is reached. {@link #poll()} does one step and is called again and again by the verdict scenario; it
 * prints a progress line at most every few seconds.
 */
final class Settler {

    enum Phase {
        WAITING_FOR_CHAOS,
        WAITING_FOR_TIMEOUTS,
        CLOSING,
        RETURNS,
        SETTLED,
        GAVE_UP
    }

    private static final Duration TIMER_SLACK = Duration.ofMillis(1500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final LoadSettings settings;
    private final PlatformApi api;
    private final Ledger ledger;
    private final Catalogue catalogue;
    private final Chaos chaos;
    private Phase phase;
    private Instant startedAt;
    private Instant lastProgress = Instant.EPOCH;
    private Instant dueAt;
    private Instant deadline;
    private AuditResult lastAudit;
    private final List<Long> timeoutLatenessMillis = Collections.synchronizedList(new ArrayList<>());

    Settler(LoadSettings settings, PlatformApi api, Ledger ledger, Catalogue catalogue, Chaos chaos) {
        this.settings = settings;
        this.api = api;
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.chaos = chaos;
        this.phase = chaos != null ? Phase.WAITING_FOR_CHAOS : Phase.WAITING_FOR_TIMEOUTS;
    }

    boolean done() {
        return phase == Phase.SETTLED || phase == Phase.GAVE_UP;
    }

    Phase phase() {
        return phase;
    }

    Duration elapsed() {
        return startedAt == null ? Duration.ZERO : Duration.between(startedAt, Instant.now());
    }

    List<Long> timeoutLatenessMillis() {
        return timeoutLatenessMillis;
    }

    AuditResult lastAudit() {
        return lastAudit;
    }

    /** One step of the wait; never throws (a platform that is restarting just answers errors for a while). */
    void poll() {
        Instant now = Instant.now();
        if (startedAt == null) {
            startedAt = now;
            progress(
                    "load finished; %d orders created (%d unpaid), waiting for timeouts and returns to settle "
                            + "(bound: %d s after the last order's due time)",
                    ledger.orderCount(), ledger.unpaidOrders().size(), settings.settleSeconds());
        }
        try {
            step(now);
        } catch (RuntimeException e) {
            progress("poll failed (%s), retrying", e.toString());
        }
    }

    private void step(Instant now) {
        if (phase == Phase.WAITING_FOR_CHAOS) {
            if (!chaos.finished() && elapsed().compareTo(Duration.ofMinutes(5)) < 0) {
                progressEvery("chaos still running: %s", chaos.status());
                return;
            }
            phase = Phase.WAITING_FOR_TIMEOUTS;
        }
        if (dueAt == null) {
            // Orders made while a component was down may have been created late: count from now at the earliest.
            Instant lastCreate = Instant.ofEpochMilli(
                    Math.max(ledger.lastCreateAttemptMillis(), chaos != null ? chaos.finishedAtMillis() : 0));
            dueAt = lastCreate.plus(settings.orderTimeout()).plus(TIMER_SLACK);
            deadline = dueAt.plusSeconds(settings.settleSeconds());
        }
        if (now.isAfter(deadline)) {
            lastAudit = AuditResult.of(api.audit(catalogue.initialStock()));
            phase = Phase.GAVE_UP;
            progress(
                    "gave up waiting after %d s: %d unpaid orders not closed, audit: %s",
                    elapsed().toSeconds(), openUnpaid(), lastAudit.summary());
            return;
        }
        switch (phase) {
            case WAITING_FOR_TIMEOUTS -> {
                long seconds = Duration.between(now, dueAt).toSeconds();
                if (now.isBefore(dueAt)) {
                    progressEvery(
                            "waiting for order timeouts: the last order is due in %d s (%d unpaid orders)",
                            seconds, ledger.unpaidOrders().size());
                    return;
                }
                phase = Phase.CLOSING;
                step(now);
            }
            case CLOSING -> {
                refreshUnpaid();
                long open = openUnpaid();
                if (open > 0) {
                    progressEvery(
                            "%d of %d unpaid orders closed by their timeout, %d still open",
                            ledger.unpaidOrders().size() - open,
                            ledger.unpaidOrders().size(),
                            open);
                    return;
                }
                progress(
                        "all %d unpaid orders are closed; checking that their stock came back",
                        ledger.unpaidOrders().size());
                phase = Phase.RETURNS;
                step(now);
            }
            case RETURNS -> {
                lastAudit = AuditResult.of(api.audit(catalogue.initialStock()));
                if (lastAudit.consistent()) {
                    phase = Phase.SETTLED;
                    progress(
                            "settled after %d s: audit consistent (%d records returned)",
                            elapsed().toSeconds(), lastAudit.number("returnedRecords"));
                } else {
                    progressEvery("returns not settled yet, audit: %s", lastAudit.summary());
                }
            }
            default -> {}
        }
    }

    /** Reads back every unpaid order not yet seen closed, in parallel. */
    private void refreshUnpaid() {
        List<Ledger.OrderRecord> pending = ledger.unpaidOrders().stream()
                .filter(order -> order.lastStatus.equals("WAIT_BUYER_PAY")
                        || (order.lastStatus.equals("TRADE_CLOSED") && order.closedAtMillis == 0))
                .toList();
        if (pending.isEmpty()) {
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> calls = new ArrayList<>();
            for (Ledger.OrderRecord order : pending) {
                calls.add(pool.submit(() -> refresh(order)));
            }
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (Exception ignored) {
                    // counted as still open; the next poll tries again
                }
            }
        }
    }

    private void refresh(Ledger.OrderRecord order) {
        PlatformApi.Answer answer = api.order(order.userToken, order.orderSn);
        if (!answer.ok()) {
            return;
        }
        JsonNode body = answer.body();
        order.lastStatus = body.path("status").asString(order.lastStatus);
        String closedAt = body.path("closedAt").asString(null);
        String createdAt = body.path("createdAt").asString(null);
        if (order.lastStatus.equals("TRADE_CLOSED") && closedAt != null && order.closedAtMillis == 0) {
            order.closedAtMillis = Instant.parse(closedAt).toEpochMilli();
            if (createdAt != null) {
                long due =
                        Instant.parse(createdAt).plus(settings.orderTimeout()).toEpochMilli();
                timeoutLatenessMillis.add(order.closedAtMillis - due);
            }
        }
    }

    long openUnpaid() {
        // A payment whose answer was lost may have succeeded: TRADE_SUCCESS is final too.
        return ledger.unpaidOrders().stream()
                .filter(order -> order.lastStatus.equals("WAIT_BUYER_PAY"))
                .count();
    }

    private void progressEvery(String format, Object... args) {
        if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
            progress(format, args);
        }
    }

    // A test helper's printf-style pair; no error_prone_annotations (@FormatMethod) dependency for it.
    @SuppressWarnings("AnnotateFormatMethod")
    private void progress(String format, Object... args) {
        lastProgress = Instant.now();
        System.out.println("[verdict] " + String.format(Locale.ROOT, format, args));
    }
}
