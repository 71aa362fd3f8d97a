package dev.orderplatform.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1. A port found free can still be taken before it is bound: callers retry. */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {}

    /** A port that the OS reported free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Whether a server could listen on the port on 127.0.0.1 right now (with {@code SO_REUSEADDR}, as servers
     * do: connections of a stopped server in TIME_WAIT do not count).
     */
    public static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port {@code p} such that {@code p - 2} is free as well: a RocketMQ broker listening on
     * {@code p} also opens its "fast" (VIP) server on {@code p - 2}.
     */
    public static int freeBrokerPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port > 1026 && isFree(port - 2)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port p with p-2 free on 127.0.0.1");
    }
}
