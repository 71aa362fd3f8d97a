package dev.orderplatform.web.testing;

import static dev.orderplatform.web.testing.ApiOperation.typeOf;

import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Generates requests from an operation's schemas: valid ones, and each {@link Mutation} of them. */
final class FuzzRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONE_SURROGATE = "@@LONE_SURROGATE@@";
    private static final List<String> UNICODE = List.of(
            "Zoë",
            "e\u0301",
            "\uD83D\uDE00 emoji",
            "\u202Eevil",
            "中文名字",
            "\u0000nul",
            "tab\tnew\nline",
            "\uFEFFbom",
            "'; DROP TABLE goods; --",
            "<script>x</script>",
            "\u00A0 nbsp",
            "𝒳𝒴𝒵",
            "%00",
            "../..",
            "\\u0000");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE");

    /** The tokens the fuzzer presents: signed with the platform's key, for one test user and an administrator. */
    record Tokens(JwtTokens platform, JwtTokens twentyMinutesAgo, String user) {

        Tokens(byte[] key, String user) {
            this(
                    new JwtTokens(key),
                    new JwtTokens(key, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20))),
                    user);
        }

        /** Signed with the right key, expired ten minutes ago. */
        String expired() {
            return twentyMinutesAgo.issue(user, List.of(Roles.USER, Roles.ADMIN), Duration.ofMinutes(10));
        }

        String forUser() {
            return platform.issue(user, List.of(Roles.USER), Duration.ofHours(1));
        }

        String forAdmin() {
            return platform.issue("fuzz-admin", List.of(Roles.ADMIN), Duration.ofHours(1));
        }
    }

    private final SplittableRandom random;
    private final JsonMapper json;
    private final Tokens tokens;
    private final Map<String, Supplier<? extends List<?>>> pools;
    private final Map<String, Set<String>> methodsByPath;
    private final JwtTokens foreignKey;

    FuzzRequests(
            SplittableRandom random,
            JsonMapper json,
            Tokens tokens,
            Map<String, Supplier<? extends List<?>>> pools,
            Map<String, Set<String>> methodsByPath) {
        this.random = random;
        this.json = json;
        this.tokens = tokens;
        this.pools = pools;
        this.methodsByPath = methodsByPath;
        byte[] otherKey = new byte[32];
        random.nextBytes(otherKey);
        this.foreignKey = new JwtTokens(otherKey);
    }

    /** A place a value goes: a body member (parent object and name) or a path or query parameter. */
    private record Slot(
            ObjectNode parent, String name, ApiOperation.Parameter parameter, JsonNode schema, boolean required) {}

    FuzzRequest next(ApiOperation operation) {
        List<Mutation> applicable = applicable(operation);
        Mutation mutation = random.nextInt(4) == 0 ? Mutation.VALID : applicable.get(random.nextInt(applicable.size()));

        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (ApiOperation.Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                pathValues.put(parameter.name(), encode(text(valid(parameter.schema(), parameter.name()))));
            } else if (parameter.in().equals("query") && (parameter.required() || random.nextBoolean())) {
                query.put(parameter.name(), text(valid(parameter.schema(), parameter.name())));
            }
        }
        JsonNode body = operation.body() == null ? null : valid(operation.body(), "body");
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(4)) {
            case 0 -> {}
            case 1 -> headers.put("Accept", "*/*");
            case 2 -> headers.put("Accept", "application/json");
            default -> headers.put("Accept", "application/json, application/problem+json");
        }
        String token = switch (operation.access()) {
            case PUBLIC -> random.nextBoolean() ? null : tokens.forUser();
            case USER -> tokens.forUser();
            case ADMIN -> tokens.forAdmin();
        };
        String method = operation.method();
        String contentType = random.nextInt(3) == 0 ? "application/json;charset=UTF-8" : "application/json";
        String rawBody = null;
        boolean mustRefuse = mutation.mustRefuse;
        int expected = mutation.status;
        boolean conformant = true;

        switch (mutation) {
            case VALID -> {}
            case MISSING_REQUIRED_FIELD -> {
                Slot slot = pick(slots(operation, body, false, s -> isRequired(s)));
                slot.parent().remove(slot.name());
            }
            case NULL_REQUIRED_FIELD -> {
                Slot slot = pick(slots(operation, body, false, s -> isRequired(s)));
                slot.parent().putNull(slot.name());
            }
            case EXTRA_FIELD -> ((ObjectNode) body).put("unexpected" + random.nextInt(100), pick(UNICODE));
            case DUPLICATE_FIELD -> {} // written into the text below
            case WRONG_TYPE_FIELD -> {
                Slot slot = pick(slots(operation, body, false, s -> true));
                slot.parent().set(slot.name(), wrongType(slot.schema()));
            }
            case HUGE_NUMBER, NEGATIVE_NUMBER, NON_INTEGRAL_NUMBER, BELOW_MINIMUM, ABOVE_MAXIMUM -> {
                Slot slot = pick(slots(operation, body, true, s -> fitsNumeric(mutation, s.schema())));
                String number = number(mutation, slot.schema());
                if (mutation == Mutation.NEGATIVE_NUMBER) {
                    mustRefuse = slot.schema().path("minimum").asDouble(-1) >= 0;
                    expected = mustRefuse ? 400 : 0;
                }
                put(slot, number, pathValues, query, true);
            }
            case TOO_LONG_STRING, VERY_LONG_STRING, UNICODE_STRING -> {
                Slot slot = pick(slots(
                        operation,
                        body,
                        true,
                        s -> isString(s.schema())
                                && (mutation != Mutation.TOO_LONG_STRING
                                        || s.schema().has("maxLength"))));
                String value = switch (mutation) {
                    case TOO_LONG_STRING ->
                        "x".repeat(slot.schema().path("maxLength").asInt() + 1);
                    case VERY_LONG_STRING -> "y".repeat(1_000 + random.nextInt(100_000));
                    default -> pick(UNICODE) + (random.nextBoolean() ? "" : pick(UNICODE));
                };
                if (slot.parameter() != null && slot.parameter().in().equals("path") && value.length() > 4000) {
                    value = value.substring(0, 4000); // a URL that long is refused by Tomcat before anything runs
                }
                put(slot, value, pathValues, query, false);
            }
            case LONE_SURROGATE_STRING -> {
                Slot slot = pick(slots(operation, body, false, s -> isString(s.schema())));
                slot.parent().put(slot.name(), LONE_SURROGATE);
            }
            case BAD_JSON -> rawBody = badJson(json.writeValueAsString(body));
            case EMPTY_BODY -> rawBody = "";
            case WRONG_BODY_TYPE -> rawBody = pick(List.of("[]", "\"text\"", "42", "null", "true", "[{}]"));
            case DEEPLY_NESTED_JSON -> {
                int depth = 2_000 + random.nextInt(20_000);
                rawBody = random.nextBoolean()
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            }
            case INVALID_UTF8_BODY -> {} // bytes patched below
            case WRONG_CONTENT_TYPE ->
                contentType = pick(List.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        "application/octet-stream",
                        "text/json; charset=latin1"));
            case NO_CONTENT_TYPE -> contentType = null;
            case BAD_PATH_PARAMETER -> {
                Slot slot = pick(
                        slots(operation, null, true, s -> s.parameter().in().equals("path")));
                boolean integer = typeOf(slot.schema()).equals("integer");
                String value = integer
                        ? pick(List.of("abc", "1.5", "1e3", "99999999999999999999", "12abc", "-", "NaN", "0x", "1_000"))
                        : pick(UNICODE) + "x".repeat(random.nextInt(300));
                mustRefuse = integer;
                expected = integer ? 400 : 0;
                pathValues.put(slot.parameter().name(), encode(value));
            }
            case ODD_PATH_SEGMENT -> {
                Slot slot = pick(
                        slots(operation, null, true, s -> s.parameter().in().equals("path")));
                pathValues.put(
                        slot.parameter().name(),
                        pick(List.of(
                                "%2F",
                                "%2e%2e",
                                "a%00b",
                                "%3Bx%3D1",
                                ";x=1",
                                "%E2%80%AE",
                                "%F0%9F%98%80",
                                "..",
                                ".",
                                "~",
                                "%20",
                                "%25",
                                "%5C",
                                "1%0A2",
                                "1;jsessionid=x")));
                conformant = false;
            }
            case BAD_QUERY_PARAMETER -> {
                Slot slot = pick(slots(
                        operation, null, true, s -> s.parameter().in().equals("query") && !isPlainString(s.schema())));
                query.put(
                        slot.parameter().name(),
                        typeOf(slot.schema()).equals("integer")
                                ? pick(List.of("abc", "1.5", "1e3", "99999999999999999999", "--1", "0x1G"))
                                : pick(List.of("BOGUS", "yesterday", "2026-13-45T99:00:00Z", "", "\uD83D\uDE00")));
                if (query.get(slot.parameter().name()).isEmpty()) {
                    mustRefuse = false; // an empty value is no value: the default applies
                    expected = 0;
                }
            }
            case UNKNOWN_QUERY_PARAMETER -> query.put("unexpected" + random.nextInt(10), pick(UNICODE));
            case NO_TOKEN -> {
                token = null;
                mustRefuse = operation.access() != ApiOperation.Access.PUBLIC;
                expected = mustRefuse ? 401 : 0;
            }
            case GARBAGE_TOKEN ->
                token = pick(List.of(
                        "abc",
                        "a.b.c",
                        "",
                        "Bearer",
                        Base64.getUrlEncoder().encodeToString(new byte[300]),
                        tokens.forUser() + "x",
                        tokens.forUser().substring(0, 40)));
            case EXPIRED_TOKEN -> token = tokens.expired();
            case FOREIGN_KEY_TOKEN ->
                token = foreignKey.issue(tokens.user(), List.of(Roles.USER, Roles.ADMIN), Duration.ofHours(1));
            case UNSIGNED_TOKEN -> token = unsigned(tokens.user());
            case NOT_BEARER_SCHEME -> {
                headers.put(
                        "Authorization",
                        pick(List.of(
                                "Basic YWRtaW46YWRtaW4=",
                                "Token abc",
                                "bearer " + tokens.forAdmin(),
                                "Bearer  " + tokens.forAdmin())));
                token = null;
                mustRefuse = operation.access() != ApiOperation.Access.PUBLIC
                        && !headers.get("Authorization").startsWith("bearer ");
                expected = mustRefuse ? 401 : 0;
            }
            case USER_TOKEN_ON_ADMIN -> token = tokens.forUser();
            case ODD_SUBJECT_TOKEN ->
                token = tokens.platform()
                        .issue(
                                pick(List.of(
                                        "x".repeat(65),
                                        "y".repeat(300),
                                        "\uD83D\uDE00user",
                                        "",
                                        " ",
                                        "a\u0000b",
                                        "user\nname",
                                        "Zoë")),
                                List.of(operation.access() == ApiOperation.Access.ADMIN ? Roles.ADMIN : Roles.USER),
                                Duration.ofHours(1));
            case UNACCEPTABLE_ACCEPT ->
                headers.put("Accept", pick(List.of("image/png", "application/xml", "text/csv")));
            case WRONG_METHOD -> {
                List<String> others = METHODS.stream()
                        .filter(m -> !methodsByPath.get(operation.path()).contains(m))
                        .toList();
                method = pick(others);
                token = tokens.forAdmin();
                conformant = false;
            }
        }

        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] bytes = null;
        boolean sendsBody = operation.body() != null && mutation != Mutation.WRONG_METHOD;
        if (sendsBody) {
            String text = rawBody != null ? rawBody : json.writeValueAsString(body);
            text = text.replace(LONE_SURROGATE, "\\uD800");
            if (mutation == Mutation.DUPLICATE_FIELD && text.startsWith("{\"")) {
                int colon = text.indexOf(':');
                String firstName = text.substring(1, colon);
                text = "{" + firstName + ":" + "\"duplicate\"," + text.substring(1);
            }
            bytes = text.getBytes(StandardCharsets.UTF_8);
            if (mutation == Mutation.INVALID_UTF8_BODY) {
                bytes = withInvalidUtf8(bytes);
            }
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
        }
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return new FuzzRequest(
                operation, mutation, method, url.toString(), headers, bytes, mustRefuse, expected, conformant);
    }

    /** The mutations that have something to work on in this operation. */
    private List<Mutation> applicable(ApiOperation operation) {
        List<Mutation> applicable = new ArrayList<>();
        ObjectNode probe = operation.body() == null ? null : (ObjectNode) asObject(valid(operation.body(), "body"));
        for (Mutation mutation : Mutation.values()) {
            boolean ok = switch (mutation) {
                case VALID,
                        UNKNOWN_QUERY_PARAMETER,
                        NO_TOKEN,
                        GARBAGE_TOKEN,
                        EXPIRED_TOKEN,
                        FOREIGN_KEY_TOKEN,
                        UNSIGNED_TOKEN,
                        NOT_BEARER_SCHEME,
                        UNACCEPTABLE_ACCEPT -> true;
                case MISSING_REQUIRED_FIELD, NULL_REQUIRED_FIELD ->
                    !slots(operation, probe, false, this::isRequired).isEmpty();
                case EXTRA_FIELD,
                        DUPLICATE_FIELD,
                        BAD_JSON,
                        EMPTY_BODY,
                        WRONG_BODY_TYPE,
                        DEEPLY_NESTED_JSON,
                        INVALID_UTF8_BODY,
                        WRONG_CONTENT_TYPE,
                        NO_CONTENT_TYPE -> probe != null;
                case WRONG_TYPE_FIELD ->
                    !slots(operation, probe, false, s -> true).isEmpty();
                case HUGE_NUMBER, NEGATIVE_NUMBER, NON_INTEGRAL_NUMBER, BELOW_MINIMUM, ABOVE_MAXIMUM ->
                    !slots(operation, probe, true, s -> fitsNumeric(mutation, s.schema()))
                            .isEmpty();
                case TOO_LONG_STRING ->
                    !slots(
                                    operation,
                                    probe,
                                    true,
                                    s -> isString(s.schema()) && s.schema().has("maxLength"))
                            .isEmpty();
                case VERY_LONG_STRING, UNICODE_STRING ->
                    !slots(operation, probe, true, s -> isString(s.schema())).isEmpty();
                case LONE_SURROGATE_STRING ->
                    !slots(operation, probe, false, s -> isString(s.schema())).isEmpty();
                case BAD_PATH_PARAMETER, ODD_PATH_SEGMENT ->
                    operation.parameters().stream().anyMatch(p -> p.in().equals("path"));
                case BAD_QUERY_PARAMETER ->
                    operation.parameters().stream().anyMatch(p -> p.in().equals("query") && !isPlainString(p.schema()));
                case USER_TOKEN_ON_ADMIN -> operation.access() == ApiOperation.Access.ADMIN;
                case ODD_SUBJECT_TOKEN -> operation.access() != ApiOperation.Access.PUBLIC;
                case WRONG_METHOD ->
                    METHODS.stream()
                            .anyMatch(m -> !methodsByPath.get(operation.path()).contains(m));
            };
            if (ok) {
                applicable.add(mutation);
            }
        }
        return applicable;
    }

    static Set<Mutation> all() {
        return EnumSet.allOf(Mutation.class);
    }

    private List<Slot> slots(
            ApiOperation operation, JsonNode body, boolean withParameters, java.util.function.Predicate<Slot> filter) {
        List<Slot> slots = new ArrayList<>();
        if (body != null && body.isObject() && operation.body() != null) {
            collect((ObjectNode) body, operation.body(), slots);
        }
        if (withParameters) {
            for (ApiOperation.Parameter parameter : operation.parameters()) {
                if (parameter.in().equals("path") || parameter.in().equals("query")) {
                    slots.add(new Slot(null, parameter.name(), parameter, parameter.schema(), parameter.required()));
                }
            }
        }
        return slots.stream().filter(filter).toList();
    }

    private void collect(ObjectNode node, JsonNode schema, List<Slot> slots) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            slots.add(
                    new Slot(node, property.getKey(), null, property.getValue(), required.contains(property.getKey())));
            if (node.get(property.getKey()) instanceof ObjectNode child
                    && property.getValue().has("properties")) {
                collect(child, property.getValue(), slots);
            }
        }
    }

    private boolean isRequired(Slot slot) {
        return slot.required();
    }

    private void put(
            Slot slot, String value, Map<String, String> pathValues, Map<String, String> query, boolean numeric) {
        if (slot.parameter() == null) {
            slot.parent().set(slot.name(), numeric ? NODES.numberNode(new BigDecimal(value)) : NODES.stringNode(value));
        } else if (slot.parameter().in().equals("path")) {
            pathValues.put(slot.name(), encode(value));
        } else {
            query.put(slot.name(), value);
        }
    }

    private boolean fitsNumeric(Mutation mutation, JsonNode schema) {
        String type = typeOf(schema);
        return switch (mutation) {
            case HUGE_NUMBER, NON_INTEGRAL_NUMBER -> type.equals("integer");
            case NEGATIVE_NUMBER -> type.equals("integer") || type.equals("number");
            case BELOW_MINIMUM -> schema.has("minimum");
            case ABOVE_MAXIMUM -> schema.has("maximum");
            default -> false;
        };
    }

    private String number(Mutation mutation, JsonNode schema) {
        boolean int32 = schema.path("format").asString("").equals("int32");
        return switch (mutation) {
            case HUGE_NUMBER ->
                pick(
                        int32
                                ? List.of(
                                        "2147483648",
                                        "-2147483649",
                                        "9223372036854775808",
                                        "1e400",
                                        "99999999999999999999999999")
                                : List.of(
                                        "9223372036854775808",
                                        "-9223372036854775809",
                                        "18446744073709551616",
                                        "1e400",
                                        "99999999999999999999999999"));
            case NEGATIVE_NUMBER -> pick(List.of("-1", "-100", int32 ? "-2147483648" : "-9223372036854775808"));
            case NON_INTEGRAL_NUMBER -> pick(List.of("1.5", "0.1", "1e2", "2.0", "-0.5", "1E-7"));
            case BELOW_MINIMUM ->
                new BigDecimal(schema.path("minimum").asString())
                        .subtract(BigDecimal.ONE)
                        .toPlainString();
            case ABOVE_MAXIMUM ->
                new BigDecimal(schema.path("maximum").asString())
                        .add(BigDecimal.ONE)
                        .toPlainString();
            default -> throw new IllegalArgumentException(mutation.name());
        };
    }

    /** A value of the schema: from the test's pool for that name when it has one, else generated. */
    JsonNode valid(JsonNode schema, String name) {
        List<?> pool = pools.containsKey(name) ? pools.get(name).get() : List.of();
        if (!pool.isEmpty() && random.nextInt(10) < 8) {
            return json.valueToTree(pick(pool));
        }
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.path("enum").forEach(values::add);
            return values.get(random.nextInt(values.size()));
        }
        if (schema.has("example") && random.nextBoolean()) {
            return schema.path("example");
        }
        return switch (typeOf(schema)) {
            case "integer" -> {
                long min = schema.has("minimum") ? schema.path("minimum").asLong() : 1;
                long max = schema.has("maximum") ? schema.path("maximum").asLong() : min + 1_000;
                long value = switch (random.nextInt(4)) {
                    case 0 -> min;
                    case 1 -> max;
                    default -> min + (long) (random.nextDouble() * Math.min(max - min + 1, 1_000));
                };
                yield NODES.numberNode(value);
            }
            case "number" -> NODES.numberNode(new BigDecimal(random.nextInt(100_000)).movePointLeft(2));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "array" -> {
                var array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(valid(schema.path("items"), name + "[]"));
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                for (Map.Entry<String, JsonNode> property :
                        schema.path("properties").properties()) {
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), valid(property.getValue(), property.getKey()));
                    }
                }
                if (schema.path("additionalProperties").isObject()) {
                    for (int i = random.nextInt(3); i > 0; i--) {
                        object.set(
                                String.valueOf(1 + random.nextInt(50)),
                                valid(schema.path("additionalProperties"), name + "{}"));
                    }
                }
                yield object;
            }
            default -> NODES.stringNode(string(schema));
        };
    }

    private String string(JsonNode schema) {
        String format = schema.path("format").asString("");
        if (format.equals("date-time")) {
            return Instant.now().minusSeconds(random.nextInt(100_000)).toString();
        }
        if (format.equals("uri")) {
            return "https://img.example.com/" + random.nextInt(1_000) + ".png";
        }
        int max = schema.has("maxLength") ? schema.path("maxLength").asInt() : 24;
        int min = Math.max(1, schema.path("minLength").asInt(1));
        int length = min + random.nextInt(Math.max(1, Math.min(max, 24) - min + 1));
        if (random.nextInt(5) == 0) {
            length = max; // the longest allowed
        }
        StringBuilder text = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A value Jackson cannot take for the schema's type, even with its scalar coercions. */
    private JsonNode wrongType(JsonNode schema) {
        return switch (typeOf(schema)) {
            case "integer", "number" ->
                pick(List.of(
                        NODES.stringNode("abc"),
                        NODES.objectNode(),
                        NODES.arrayNode().add(1).add(2)));
            case "boolean" -> pick(List.of(NODES.stringNode("maybe"), NODES.objectNode(), NODES.arrayNode()));
            case "array" ->
                pick(List.of(NODES.stringNode("abc"), NODES.objectNode().put("a", 1)));
            case "object" ->
                pick(List.of(
                        NODES.stringNode("abc"),
                        NODES.numberNode(1),
                        NODES.arrayNode().add(1)));
            default ->
                pick(List.of(
                        NODES.objectNode().put("a", 1),
                        NODES.arrayNode().add("a").add("b")));
        };
    }

    private String badJson(String valid) {
        String bad = switch (random.nextInt(6)) {
            case 0 -> valid.substring(0, Math.max(1, random.nextInt(Math.max(1, valid.length() - 1))));
            case 1 -> valid + " }";
            case 2 -> valid.replace(":", "=");
            case 3 -> valid.replace('"', '\'');
            case 4 -> "{\"a\":}";
            default -> valid.replaceFirst("\\{", "{,");
        };
        return bad.equals(valid) ? valid + "," : bad; // "{}" has no colon or quote to break
    }

    private static byte[] withInvalidUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int quote = text.indexOf(":\"");
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        if (quote < 0) {
            byte[] result = new byte[body.length + bad.length];
            System.arraycopy(body, 0, result, 0, body.length);
            System.arraycopy(bad, 0, result, body.length, bad.length);
            return result;
        }
        byte[] head = text.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(bad, 0, result, head.length, bad.length);
        System.arraycopy(tail, 0, result, head.length + bad.length, tail.length);
        return result;
    }

    private static String unsigned(String subject) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"sub\":\"" + subject + "\",\"roles\":[\"USER\",\"ADMIN\"],\"exp\":"
                        + (Instant.now().getEpochSecond() + 3600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private boolean isString(JsonNode schema) {
        return typeOf(schema).equals("string") && !schema.has("enum") && !schema.has("format");
    }

    private boolean isPlainString(JsonNode schema) {
        return isString(schema);
    }

    private static JsonNode asObject(JsonNode node) {
        return node != null && node.isObject() ? node : NODES.objectNode();
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
