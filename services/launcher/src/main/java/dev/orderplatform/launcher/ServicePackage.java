package dev.orderplatform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service as the launcher runs it, under {@code services/<name>/} of the launcher's build output: its executable
 * jar extracted by Spring Boot's {@code -Djarmode=tools extract} ({@code <name>.jar} and {@code lib/}: plain jars,
 * which the JVM's AOT cache can map, unlike jars nested in a jar), and the AOT cache of its training run
 * ({@code <name>.aot}, JDK 25+) with a stamp saying which JVM and which build of the service trained it. A cache is
 * only valid for the JVM build and class path it was trained with: anything else starts without it.
 */
final class ServicePackage {

    private static final String EXTRACTED_FROM = "extracted-from.sha256";
    private static final String CACHE_STAMP = "aot-cache.properties";

    private final String name;
    private final Path executableJar;
    private final Path dir;

    private ServicePackage(String name, Path servicesDir) {
        this.name = name;
        this.executableJar = servicesDir.resolve(name + ".jar");
        this.dir = servicesDir.resolve(name);
    }

    /** The service's package in a launcher build output ({@code target/}); paths absolute, as the cache records. */
    static ServicePackage in(Path launcherDir, Component service) {
        return new ServicePackage(
                service.processName(), launcherDir.toAbsolutePath().normalize().resolve("services"));
    }

    String name() {
        return name;
    }

    /** The extracted application jar: its manifest puts {@code lib/*.jar} on the class path. */
    Path applicationJar() {
        if (!Files.isRegularFile(dir.resolve(name + ".jar"))) {
            throw new IllegalStateException(
                    "No extracted " + name + " in " + dir + ": build the launcher first (./mvnw -B -Pplatform verify)");
        }
        return dir.resolve(name + ".jar");
    }

    Path aotCache() {
        return dir.resolve(name + ".aot");
    }

    /**
     * Extracts the executable jar unless it is the one extracted last time. A new extraction drops the old cache:
     * the jars it was trained on are gone.
     *
     * @return whether it extracted
     */
    boolean extract(String java) {
        String digest = sha256(executableJar);
        Path stamp = dir.resolve(EXTRACTED_FROM);
        if (Files.isRegularFile(stamp) && read(stamp).equals(digest)) {
            return false;
        }
        deleteRecursively(dir);
        List<String> command = List.of(
                java, "-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination", dir.toString());
        String output = run(command);
        if (!Files.isRegularFile(dir.resolve(name + ".jar"))) {
            throw new IllegalStateException("Extracting " + executableJar + " left no " + name + ".jar in " + dir + ": "
                    + String.join(" ", command) + "\n" + output);
        }
        write(stamp, digest);
        return true;
    }

    /** Why this JVM cannot use the cache, or empty if it can: trained by this JVM build on this extraction. */
    Optional<String> cacheUnusableReason() {
        if (Runtime.version().feature() < 25) {
            return Optional.of("JDK " + Runtime.version() + " has no AOT cache (JDK 25+)");
        }
        Path stamp = dir.resolve(CACHE_STAMP);
        if (!Files.isRegularFile(aotCache()) || !Files.isRegularFile(stamp)) {
            return Optional.of("no AOT cache in " + dir + " (the build trains one on JDK 25+)");
        }
        Properties trained = load(stamp);
        Properties current = thisTraining();
        if (!current.equals(trained)) {
            return Optional.of("its AOT cache was trained by " + trained + ", this is " + current);
        }
        return Optional.empty();
    }

    /** Records that the cache next to the jars was trained by this JVM on this extraction. */
    void stampCache() {
        if (!Files.isRegularFile(aotCache())) {
            throw new IllegalStateException(
                    "The training run of " + name + " wrote no AOT cache " + aotCache() + ": see its log");
        }
        Path stamp = dir.resolve(CACHE_STAMP);
        try (OutputStream out = Files.newOutputStream(stamp)) {
            thisTraining()
                    .store(
                            out,
                            "the JVM and the extraction that trained "
                                    + aotCache().getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the cache, before a training run replaces it. */
    void dropCache() {
        try {
            Files.deleteIfExists(dir.resolve(CACHE_STAMP));
            Files.deleteIfExists(aotCache());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties thisTraining() {
        Properties properties = new Properties();
        properties.setProperty("java.home", System.getProperty("java.home"));
        properties.setProperty("java.vm.version", System.getProperty("java.vm.version"));
        properties.setProperty("extracted.from", read(dir.resolve(EXTRACTED_FROM)));
        return properties;
    }

    /** Runs the command to its end and returns its output; fails unless it exits with 0. */
    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Failed: " + String.join(" ", command) + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
