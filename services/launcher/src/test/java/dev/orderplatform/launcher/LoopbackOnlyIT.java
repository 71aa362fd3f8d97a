package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every server of a local platform listens on 127.0.0.1 only (this machine allows loopback traffic only): each TCP
 * socket in state LISTEN that a component's process, or a process it started (mysqld), holds open.
 */
class LoopbackOnlyIT {

    private static final Path PROC = Path.of("/proc");
    private static final String TCP_LISTEN = "0A";

    @TempDir
    Path workDir;

    @Test
    void everyComponentListensOnLoopbackOnly() throws IOException {
        // Skips only where there is no Linux procfs (the sockets cannot be listed at all); on the project's Linux
        // machines and CI it is always there, so the check runs.
        assumeTrue(Files.isReadable(PROC.resolve("net/tcp")), "no /proc/net/tcp: cannot list listening sockets here");
        LocalPlatformOptions options =
                LocalPlatformOptions.defaults(workDir, Path.of("target")).withRandomPorts();

        try (LocalPlatform platform = LocalPlatform.start(options, line -> {})) {
            Map<Long, InetSocketEndpoint> listening = listeningSocketsByInode();
            List<String> owned = new ArrayList<>();
            List<String> notLoopback = new ArrayList<>();
            platform.processes()
                    .forEach((component, handle) -> Stream.concat(Stream.of(handle), handle.descendants())
                            .forEach(process -> socketInodes(process.pid()).stream()
                                    .map(listening::get)
                                    .filter(Objects::nonNull)
                                    .forEach(endpoint -> {
                                        String socket =
                                                component.processName() + " (pid " + process.pid() + ") on " + endpoint;
                                        owned.add(socket);
                                        if (!endpoint.isLoopback()) {
                                            notLoopback.add(socket);
                                        }
                                    })));

            // At least as many sockets as components: fewer would mean the listing, not the binding, is broken.
            assertThat(owned).hasSizeGreaterThanOrEqualTo(Component.values().length);
            assertThat(notLoopback)
                    .as("listening sockets not on 127.0.0.1 (all: %s)", owned)
                    .isEmpty();
        }
    }

    /** The inodes of the sockets a process has open ({@code /proc/<pid>/fd/* -> socket:[inode]}). */
    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (Stream<Path> fds = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // a descriptor closed between the listing and the read: not a listening socket
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** The LISTEN rows of {@code /proc/net/tcp} and {@code /proc/net/tcp6}, by socket inode. */
    private static Map<Long, InetSocketEndpoint> listeningSocketsByInode() throws IOException {
        Map<Long, InetSocketEndpoint> listening = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.exists(file)) {
                continue; // a kernel without IPv6
            }
            List<String> rows = Files.readAllLines(file);
            for (String row : rows.subList(1, rows.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] columns = row.trim().split("\\s+");
                if (columns[3].equals(TCP_LISTEN)) {
                    listening.put(Long.parseLong(columns[9]), InetSocketEndpoint.parse(columns[1]));
                }
            }
        }
        return listening;
    }

    /** A local address of /proc/net/tcp[6]: hex address, each 32-bit word in host (little-endian) order, ":" port. */
    private record InetSocketEndpoint(InetAddress address, int port) {

        static InetSocketEndpoint parse(String hex) {
            String[] parts = hex.split(":");
            byte[] words = HexFormat.of().parseHex(parts[0]);
            byte[] address = new byte[words.length];
            for (int word = 0; word < words.length; word += 4) {
                for (int i = 0; i < 4; i++) {
                    address[word + i] = words[word + 3 - i];
                }
            }
            try {
                // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as its IPv4 address.
                return new InetSocketEndpoint(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + hex, e);
            }
        }

        boolean isLoopback() {
            return address.getHostAddress().equals("127.0.0.1");
        }

        @Override
        public String toString() {
            return address.getHostAddress() + " port " + port;
        }
    }
}
