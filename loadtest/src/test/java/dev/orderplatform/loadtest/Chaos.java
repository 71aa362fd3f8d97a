package dev.orderplatform.loadtest;

import dev.orderplatform.launcher.Component;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chaos run's faults, injected into a local platform while the load runs: kill -9 the order service twice and
 * the inventory service once (each restarted at once, as Kubernetes would), and restart the broker once. The
 * faults are spread over the load: at 15%, 35%, 55% and 75% of its duration by default ({@code -DchaosAt=...}).
 */
final class Chaos {

    private record Fault(String action, Component component, boolean kill) {}

    private static final List<Fault> PLAN = List.of(
            new Fault("kill -9 order service", Component.ORDER, true),
            new Fault("kill -9 inventory service", Component.INVENTORY, true),
            new Fault("restart the broker", Component.ROCKETMQ, false),
            new Fault("kill -9 order service", Component.ORDER, true));

    private final PlatformUnderTest platform;
    private final List<Double> at;
    private final Duration loadDuration;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private volatile String status = "not started";
    private volatile boolean finished;
    private volatile long finishedAtMillis;
    private Thread thread;

    Chaos(PlatformUnderTest platform, LoadSettings settings) {
        if (platform.local().isEmpty()) {
            throw new IllegalStateException("The chaos run kills local processes: it cannot run against -DbaseUrl");
        }
        this.platform = platform;
        this.loadDuration = settings.loadDuration();
        this.at = LoadSettings.numbers("chaosAt", "0.15,0.35,0.55,0.75");
        if (at.size() != PLAN.size()) {
            throw new IllegalArgumentException("-DchaosAt needs " + PLAN.size() + " fractions of the load duration");
        }
    }

    /** Starts the fault schedule, counted from now (the start of the load). */
    void start() {
        Instant start = Instant.now();
        thread = Thread.ofPlatform().daemon().name("chaos").start(() -> {
            try {
                for (int i = 0; i < PLAN.size(); i++) {
                    Fault fault = PLAN.get(i);
                    Instant when = start.plusMillis((long) (loadDuration.toMillis() * at.get(i)));
                    status = "next: " + fault.action() + " at +"
                            + Duration.between(start, when).toSeconds() + " s";
                    sleepUntil(when);
                    inject(fault, Duration.between(start, Instant.now()));
                }
                status = "done";
            } catch (RuntimeException e) {
                status = "failed: " + e;
                record(Map.of("action", "chaos aborted", "error", e.toString()));
                System.out.println("[chaos] aborted: " + e);
            } finally {
                finishedAtMillis = System.currentTimeMillis();
                finished = true;
            }
        });
    }

    private void inject(Fault fault, Duration offset) {
        System.out.printf(Locale.ROOT, "[chaos] +%d s: %s%n", offset.toSeconds(), fault.action());
        status = fault.action();
        long started = System.nanoTime();
        if (fault.kill()) {
            platform.kill(fault.component());
        }
        platform.restart(fault.component());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "[chaos] %s: back after %.1f s%n",
                fault.component().name().toLowerCase(Locale.ROOT),
                seconds);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("atSeconds", offset.toSeconds());
        event.put("action", fault.action());
        event.put("downSeconds", Math.round(seconds * 10) / 10.0);
        record(event);
    }

    private synchronized void record(Map<String, Object> event) {
        events.add(event);
    }

    synchronized List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    boolean finished() {
        return finished;
    }

    long finishedAtMillis() {
        return finishedAtMillis;
    }

    String status() {
        return status;
    }

    void awaitFinished(Duration timeout) {
        if (thread != null) {
            try {
                thread.join(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleepUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("chaos interrupted", e);
            }
        }
    }
}
