package dev.orderplatform.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers. */
public final class MoreFiles {

    private MoreFiles() {}

    /** Deletes a directory tree if it exists; best effort for files that vanish meanwhile. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still open by a dying process: leave it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The last {@code maxLines} lines of a text file, or a note that it cannot be read. */
    public static String tail(Path file, int maxLines) {
        try {
            var lines = Files.readAllLines(file);
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - maxLines), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
