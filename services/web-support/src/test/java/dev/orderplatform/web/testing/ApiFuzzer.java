package dev.orderplatform.web.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives every operation of a service's served OpenAPI document with generated requests, valid and invalid (see
 * {@link Mutation}), over real HTTP, and checks what every answer must be:
 * <ul>
 * <li>never a 5xx;</li>
 * <li>every 4xx a problem detail ({@code application/problem+json}) with its {@code code} and {@code status};</li>
 * <li>a status and code the operation documents;</li>
 * <li>input that must be refused is refused, with the status the HTTP contract fixes where it does;</li>
 * <li>a refused request changes nothing: the test's state probe (its rows, the stock) reads the same before and
 *     after.</li>
 * </ul>
 * {@code -Dapi.fuzz.tries=N} sets the number of requests per service (the test gives a short default),
 * {@code -Dapi.fuzz.seed=S} replays a run. The counts are printed at the end and written to
 * {@code target/api-fuzz/<name>.txt}.
 */
public final class ApiFuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final String baseUrl;
    private byte[] platformKey;
    private String user = "fuzz-user";
    private final Map<String, Supplier<? extends List<?>>> pools = new LinkedHashMap<>();
    private Supplier<?> state = () -> null;
    private int tries = 1_000;
    private Duration timeBudget = Duration.ofSeconds(60);

    private ApiFuzzer(String name, String baseUrl) {
        this.name = name;
        this.baseUrl = baseUrl;
    }

    public static ApiFuzzer of(String name, String baseUrl) {
        return new ApiFuzzer(name, baseUrl);
    }

    /** The platform's JWT key and the subject of the user token (the state probe should cover that user's data). */
    public ApiFuzzer tokens(byte[] platformKey, String userSubject) {
        this.platformKey = platformKey;
        this.user = userSubject;
        return this;
    }

    /** Values to use, most of the time, for a parameter or body member of this name (ids that exist). */
    public ApiFuzzer pool(String parameterOrMember, Supplier<? extends List<?>> values) {
        pools.put(parameterOrMember, values);
        return this;
    }

    /** Reads what a refused request must not change; compared with {@link Objects#equals}. */
    public ApiFuzzer state(Supplier<?> probe) {
        this.state = probe;
        return this;
    }

    /** The number of requests unless {@code -Dapi.fuzz.tries} says otherwise, and a time limit that stops early. */
    public ApiFuzzer budget(int defaultTries, Duration timeLimit) {
        this.tries = Integer.getInteger("api.fuzz.tries", defaultTries);
        this.timeBudget = System.getProperty("api.fuzz.tries") != null ? Duration.ofHours(2) : timeLimit;
        return this;
    }

    /** What a run found. */
    public record Report(
            String name,
            long seed,
            int requests,
            Set<Mutation> kindsTried,
            Map<Integer, Integer> statuses,
            Map<String, String> failures) {

        public String summary() {
            StringBuilder text = new StringBuilder()
                    .append("API fuzz of ")
                    .append(name)
                    .append(": ")
                    .append(requests)
                    .append(" requests (seed ")
                    .append(seed)
                    .append(", replay with -Dapi.fuzz.seed=")
                    .append(seed)
                    .append("), ")
                    .append(kindsTried.size())
                    .append(" kinds of input tried ")
                    .append(kindsTried)
                    .append(", statuses ")
                    .append(statuses)
                    .append(", ")
                    .append(failures.size())
                    .append(" kinds of failure");
            failures.forEach((kind, example) ->
                    text.append("\n- ").append(kind).append("\n  ").append(example));
            return text.toString();
        }
    }

    public Report run() {
        Objects.requireNonNull(platformKey, "tokens(...)");
        long seed = Long.getLong("api.fuzz.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        JsonNode document = JSON.readTree(OpenApiDocuments.servedJson(baseUrl));
        List<ApiOperation> operations = ApiOperation.all(document);
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        operations.forEach(o -> methodsByPath
                .computeIfAbsent(o.path(), p -> new LinkedHashSet<>())
                .add(o.method()));
        FuzzRequests generator =
                new FuzzRequests(random, JSON, new FuzzRequests.Tokens(platformKey, user), pools, methodsByPath);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        Set<Mutation> tried = EnumSet.noneOf(Mutation.class);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeBudget.toNanos();
        int sent = 0;
        while (sent < tries && System.nanoTime() < deadline) {
            ApiOperation operation = operations.get(random.nextInt(operations.size()));
            FuzzRequest request = generator.next(operation);
            tried.add(request.mutation());
            Object before = operation.mutating() ? state.get() : null;
            HttpResponse<byte[]> response;
            try {
                response = http.send(toHttp(request), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                failures.putIfAbsent(
                        "no answer (" + e + ") | " + operation + " | " + request.mutation(), request.describe());
                sent++;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sent++;
            statuses.merge(response.statusCode(), 1, Integer::sum);
            for (String failure : check(request, response)) {
                failures.putIfAbsent(
                        failure + " | " + operation + " | " + request.mutation(),
                        request.describe() + "\n  -> " + response.statusCode() + " " + shorten(response));
            }
            if (operation.mutating() && response.statusCode() >= 400) {
                Object after = state.get();
                if (!Objects.equals(before, after)) {
                    failures.putIfAbsent(
                            "refused request changed the state | " + operation + " | " + request.mutation(),
                            request.describe() + "\n  -> " + response.statusCode() + " " + shorten(response)
                                    + "\n  before: " + before + "\n  after:  " + after);
                }
            }
        }
        Report report = new Report(name, seed, sent, tried, statuses, failures);
        System.out.println(report.summary());
        try {
            Path out = Path.of("target", "api-fuzz", name + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.summary() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return report;
    }

    private static List<String> check(FuzzRequest request, HttpResponse<byte[]> response) {
        List<String> failures = new ArrayList<>();
        int status = response.statusCode();
        if (status >= 500) {
            failures.add("server error " + status);
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(status + " is not a problem detail (Content-Type " + type + ")");
            }
            JsonNode problem = null;
            try {
                problem = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                failures.add(status + " body is not JSON");
            }
            String code = problem == null ? "" : problem.path("code").asString("");
            if (problem != null && code.isBlank()) {
                failures.add(status + " without a code");
            }
            if (problem != null && problem.path("status").asInt() != status) {
                failures.add(status + " whose problem says status " + problem.path("status"));
            }
            Set<String> documented = request.operation().documented().get(status);
            if (request.conformant() && documented != null && !code.isBlank() && !documented.contains(code)) {
                failures.add(status + " " + code + " is not a documented code of the operation");
            }
        }
        if (request.conformant() && !request.operation().documented().containsKey(status)) {
            failures.add("status " + status + " is not documented for the operation");
        }
        if (request.mustRefuse() && status < 400) {
            failures.add("accepted input that must be refused (" + status + ")");
        }
        if (request.expectedStatus() != 0 && status != request.expectedStatus() && status < 500) {
            failures.add("answered " + status + " where " + request.expectedStatus() + " is due");
        }
        return failures;
    }

    private HttpRequest toHttp(FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30));
        request.headers().forEach(builder::header);
        builder.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        return builder.build();
    }

    private static String shorten(HttpResponse<byte[]> response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return response.headers().firstValue("Content-Type").orElse("-") + " "
                + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
}
