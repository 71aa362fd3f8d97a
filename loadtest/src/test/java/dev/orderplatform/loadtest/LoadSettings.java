package dev.orderplatform.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a run can be told, read from system properties ({@code -Dname=value} on the Maven command line reaches the
 * Gatling JVM). Defaults depend on the run kind ({@code -Dloadtest.run=standard|ci|chaos|benchmark|startup}); every default
 * can be overridden one by one.
 *
 * <pre>
 * target        baseUrl, goodsUrl, inventoryUrl, jwtSecret (all four: an external platform; none: a local one)
 *               orderTimeout (ISO-8601, e.g. PT10S: the local platform's order timeout; for an external platform
 *               the timeout it is configured with, so that the verdict waits long enough)
 * load          rate (users = orders per second at the plateau), rampSeconds, plateauSeconds,
 *               payPercent (the rest abandon their order and let it time out), thinkMillis (max pause before paying)
 * stock         hotGoods, hotStock (little stock: some orders must be refused), coldGoods, coldStock
 * assertions    p95Ms, p99Ms (on each load request), maxErrorPercent (KO requests of all requests)
 * verdict       settleSeconds (how long to wait beyond the last order's timeout for returns to settle)
 * warm-up       warmupOrders (sequential paid orders before the load, so that it does not hit cold JVMs)
 * protocol      protocolMode (reliable | baseline | producer-per-request; passed to a local order service)
 * JVM           serviceJvmOptions (extra JVM options of a local platform's three services, space-separated)
 * </pre>
 */
record LoadSettings(
        String run,
        String baseUrl,
        String goodsUrl,
        String inventoryUrl,
        String jwtSecret,
        Duration orderTimeout,
        double rate,
        int rampSeconds,
        int plateauSeconds,
        int payPercent,
        int thinkMillis,
        int hotGoods,
        int hotStock,
        int coldGoods,
        int coldStock,
        int p95Ms,
        int p99Ms,
        double maxErrorPercent,
        int settleSeconds,
        int warmupOrders,
        String protocolMode,
        List<String> serviceJvmOptions,
        Path resultsDir,
        Path gatlingDir,
        Path launcherDir,
        Path workDir) {

    static final String PROTOCOL_MODE_PROPERTY = "orderplatform.protocol.mode";

    static LoadSettings fromSystemProperties() {
        String run = text("loadtest.run", "standard").toLowerCase(Locale.ROOT);
        Defaults d = switch (run) {
            // CI shares a 2-core machine with other builds: its bar is the verdict; latency bounds only catch hangs.
            case "ci" -> new Defaults(5, 5, 20, "PT5S", 80, 5.0, 5000, 10_000, 45);
            // Faults make requests fail while a service is down: only the verdict counts.
            case "chaos" -> new Defaults(8, 10, 170, "PT10S", 80, 100.0, 120_000, 120_000, 120);
            case "standard", "main" -> new Defaults(12, 15, 45, "PT10S", 80, 1.0, 1000, 2000, 60);
            // Orders stay unpaid under a long timeout: no timeout work competes with order creation.
            case "benchmark" -> new Defaults(0, 0, 0, "PT30M", 0, 100.0, 60_000, 60_000, 0);
            // Start-up benchmark (StartupBenchmark): traffic at a fixed rate right after readiness, unpaid orders.
            case "startup" -> new Defaults(5, 0, 40, "PT30M", 0, 100.0, 60_000, 60_000, 0);
            default ->
                throw new IllegalArgumentException(
                        "-Dloadtest.run must be standard, ci, chaos, benchmark or startup, not " + run);
        };
        String baseUrl = text("baseUrl", null);
        String goodsUrl = text("goodsUrl", null);
        String inventoryUrl = text("inventoryUrl", null);
        String jwtSecret = text("jwtSecret", null);
        boolean external = baseUrl != null;
        if (external && (goodsUrl == null || inventoryUrl == null || jwtSecret == null)) {
            throw new IllegalArgumentException("""
                    With -DbaseUrl (an external platform) also give -DgoodsUrl (goods admin API), -DinventoryUrl \
                    (inventory admin API) and -DjwtSecret (the platform's HS256 key, to mint user and admin tokens).""");
        }
        if (!external && (goodsUrl != null || inventoryUrl != null || jwtSecret != null)) {
            throw new IllegalArgumentException("-DgoodsUrl/-DinventoryUrl/-DjwtSecret need -DbaseUrl (the order API)");
        }
        // An external platform keeps its own timeout (30 min by default): the verdict must wait for it.
        Duration orderTimeout = Duration.parse(text("orderTimeout", external ? "PT30M" : d.orderTimeout));
        Path cwd = Path.of(System.getProperty("user.dir"));
        return new LoadSettings(
                run,
                trimSlash(baseUrl),
                trimSlash(goodsUrl),
                trimSlash(inventoryUrl),
                jwtSecret,
                orderTimeout,
                number("rate", d.rate),
                (int) number("rampSeconds", d.rampSeconds),
                (int) number("plateauSeconds", d.plateauSeconds),
                percent("payPercent", d.payPercent),
                (int) number("thinkMillis", 200),
                (int) number("hotGoods", run.equals("benchmark") ? 0 : 2),
                (int) number("hotStock", 30),
                (int) number("coldGoods", 8),
                (int) number("coldStock", 1_000_000),
                (int) number("p95Ms", d.p95Ms),
                (int) number("p99Ms", d.p99Ms),
                number("maxErrorPercent", d.maxErrorPercent),
                (int) number("settleSeconds", d.settleSeconds),
                (int) number("warmupOrders", run.equals("ci") ? 10 : 30),
                text("protocolMode", "reliable"),
                words(text("serviceJvmOptions", "")),
                Path.of(text("loadtest.resultsDir", cwd.resolve("results").toString())),
                Path.of(text(
                        "loadtest.gatlingDir", cwd.resolve("target/gatling").toString())),
                Path.of(text(
                        "loadtest.launcherDir",
                        cwd.resolve("../services/launcher/target").toString())),
                Path.of(text("loadtest.workDir", cwd.resolve("target/platform").toString())));
    }

    /** The words of a space-separated list, such as JVM options; none in a blank text. */
    static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    boolean external() {
        return baseUrl != null;
    }

    boolean chaos() {
        return run.equals("chaos");
    }

    boolean benchmark() {
        return run.equals("benchmark");
    }

    /** When the last user arrives, counted from the start of the injection. */
    Duration loadDuration() {
        return Duration.ofSeconds(rampSeconds + plateauSeconds);
    }

    /** A readable line of what this run does, printed at its start. */
    String describe() {
        return String.format(
                Locale.ROOT,
                "run=%s target=%s rate=%.1f/s (ramp %d s, plateau %d s) pay=%d%% abandon=%d%% orderTimeout=%s "
                        + "stock: %d hot goods x %d, %d goods x %d; assertions p95<%d ms p99<%d ms errors<=%.1f%%"
                        + "%s",
                run,
                external() ? baseUrl : "local platform",
                rate,
                rampSeconds,
                plateauSeconds,
                payPercent,
                100 - payPercent,
                orderTimeout,
                hotGoods,
                hotStock,
                coldGoods,
                coldStock,
                p95Ms,
                p99Ms,
                maxErrorPercent,
                protocolMode.equals("reliable") ? "" : " protocolMode=" + protocolMode);
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("run", run);
        map.put("target", external() ? baseUrl : "local");
        map.put("orderTimeout", orderTimeout.toString());
        map.put("rate", rate);
        map.put("rampSeconds", rampSeconds);
        map.put("plateauSeconds", plateauSeconds);
        map.put("payPercent", payPercent);
        map.put("hotGoods", hotGoods);
        map.put("hotStock", hotStock);
        map.put("coldGoods", coldGoods);
        map.put("coldStock", coldStock);
        map.put("p95Ms", p95Ms);
        map.put("p99Ms", p99Ms);
        map.put("maxErrorPercent", maxErrorPercent);
        map.put("protocolMode", protocolMode);
        map.put("serviceJvmOptions", serviceJvmOptions);
        return map;
    }

    /** Comma-separated list property, e.g. {@code -Drates=200,500,1000}. */
    static List<Double> numbers(String name, String defaultValue) {
        List<Double> values = new ArrayList<>();
        for (String part : text(name, defaultValue).split(",")) {
            if (!part.isBlank()) {
                values.add(Double.parseDouble(part.trim()));
            }
        }
        return values;
    }

    static String text(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    static double number(String name, double defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a number, not " + value);
        }
    }

    private static int percent(String name, int defaultValue) {
        int value = (int) number(name, defaultValue);
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("-D" + name + " is a percentage (0-100), not " + value);
        }
        return value;
    }

    private static String trimSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    private record Defaults(
            double rate,
            int rampSeconds,
            int plateauSeconds,
            String orderTimeout,
            int payPercent,
            double maxErrorPercent,
            int p95Ms,
            int p99Ms,
            int settleSeconds) {}
}
