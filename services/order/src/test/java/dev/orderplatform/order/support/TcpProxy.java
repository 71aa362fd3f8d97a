package dev.orderplatform.order.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server, that a test can {@link #cut} (every open connection reset,
 * new ones refused: the server is unreachable, as in a network partition or a database crash) and {@link #restore}.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private volatile ServerSocket listener;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
    }

    /** A proxy to {@code host:port}, accepting connections at once. */
    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port));
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Resets every open connection and refuses new ones until {@link #restore}. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            port = server.getLocalPort();
            listener = server;
            Thread.ofPlatform().daemon().name("tcp-proxy-" + port).start(() -> accept(server));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // cut or closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("tcp-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side is gone: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    @Override
    public void close() {
        cut();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            if (closeable instanceof Socket socket && !socket.isClosed()) {
                socket.setSoLinger(true, 0); // a reset, not an orderly close
            }
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
