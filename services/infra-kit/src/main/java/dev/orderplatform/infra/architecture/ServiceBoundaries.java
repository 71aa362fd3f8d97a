package dev.orderplatform.infra.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * "No service reads another's tables", checked on the sources: a service's Flyway migrations and the SQL in its code
 * (string literals, Spring Data {@code @Table} names) may name only the tables its own migrations create, and no
 * schema but its own. For the services' architecture tests (docs/architecture.md); reads the repository, found
 * through the system property {@code orderplatform.repository.root} or upwards from the working directory.
 */
public final class ServiceBoundaries {

    /** Each service and the one schema it owns. */
    public static final Map<String, String> SCHEMAS =
            Map.of("goods", "goods", "inventory", "inventory", "order", "orders");

    private static final String MIGRATIONS = "src/main/resources/db/migration";

    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?(?:\\.`?(\\w+)`?)?");
    /** A table after a SQL keyword, optionally schema-qualified: group 1, and group 2 if qualified. */
    private static final String TABLE_REFERENCE =
            "\\b(?<!KEY )(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?`?(\\w+)`?"
                    + "(?:\\.`?(\\w+)`?)?";
    /** In migrations, any case (comments are stripped first). */
    private static final Pattern SQL_REFERENCE = Pattern.compile("(?i)" + TABLE_REFERENCE);
    /** In Java string literals, upper-case keywords only, so that prose ("from the broker") is not taken for SQL. */
    private static final Pattern CODE_REFERENCE = Pattern.compile(TABLE_REFERENCE);

    private static final Pattern STRING_LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_ANNOTATION =
            Pattern.compile("@Table\\(\\s*(?:value\\s*=\\s*|name\\s*=\\s*)?\"(\\w+)\"");

    private ServiceBoundaries() {}

    /** The repository's root directory (the one holding {@code services/contracts}). */
    public static Path repositoryRoot() {
        String configured = System.getProperty("orderplatform.repository.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "services", "contracts"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services").resolve("contracts"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Repository root not found: set -Dorderplatform.repository.root");
    }

    /** The tables the service's own migrations create (lower case). */
    public static Set<String> tablesOf(String service) {
        Set<String> tables = new TreeSet<>();
        for (Path migration : files(moduleDir(service).resolve(MIGRATIONS), ".sql")) {
            Matcher created = CREATE_TABLE.matcher(stripSqlComments(read(migration)));
            while (created.find()) {
                tables.add(lower(created.group(2) != null ? created.group(2) : created.group(1)));
            }
        }
        return tables;
    }

    /**
     * Every place where the service's migrations or code name a table its migrations do not create, or a schema
     * other than its own, as "file: reference (why)". Empty when the service keeps to its own schema.
     */
    public static List<String> foreignReferences(String service) {
        String schema = SCHEMAS.get(service);
        if (schema == null) {
            throw new IllegalArgumentException("Unknown service " + service + "; known: " + SCHEMAS.keySet());
        }
        Set<String> own = tablesOf(service);
        if (own.isEmpty()) {
            throw new IllegalStateException("No CREATE TABLE found in the migrations of " + service);
        }
        List<String> found = new ArrayList<>();
        Path module = moduleDir(service);
        for (Path migration : files(module.resolve(MIGRATIONS), ".sql")) {
            check(module, migration, SQL_REFERENCE, stripSqlComments(read(migration)), schema, own, found);
        }
        for (Path source : files(module.resolve("src/main/java"), ".java")) {
            String code = read(source);
            Matcher literal = STRING_LITERAL.matcher(code);
            while (literal.find()) {
                String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
                check(module, source, CODE_REFERENCE, text, schema, own, found);
            }
            Matcher table = TABLE_ANNOTATION.matcher(code);
            while (table.find()) {
                if (!own.contains(lower(table.group(1)))) {
                    found.add(module.relativize(source) + ": @Table(\"" + table.group(1) + "\") (not a table of "
                            + service + ": " + own + ")");
                }
            }
        }
        return found;
    }

    private static void check(
            Path module,
            Path file,
            Pattern references,
            String text,
            String schema,
            Set<String> own,
            List<String> found) {
        Matcher reference = references.matcher(text);
        while (reference.find()) {
            String first = lower(reference.group(1));
            String table = reference.group(2) != null ? lower(reference.group(2)) : first;
            if (reference.group(2) != null && !first.equals(schema)) {
                found.add(module.relativize(file) + ": " + reference.group().trim() + " (schema " + first + " is not "
                        + schema + ")");
            } else if (!own.contains(table)) {
                found.add(module.relativize(file) + ": " + reference.group().trim() + " (not a table of the service: "
                        + own + ")");
            }
        }
    }

    private static Path moduleDir(String service) {
        return repositoryRoot().resolve("services").resolve(service);
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripSqlComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
