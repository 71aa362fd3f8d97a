package dev.orderplatform.infra.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a server this JVM started to answer on an HTTP endpoint (a readiness or health probe). */
public final class HttpProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration POLL = Duration.ofMillis(200);

    private HttpProbe() {}

    /**
     * Polls {@code url} until it answers 200 (true); false as soon as {@code alive} says the server's process is gone,
     * or once {@code timeout} has passed. Callers say which, with the server's log.
     */
    public static boolean awaitOk(URI url, Duration timeout, BooleanSupplier alive) {
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (alive.getAsBoolean() && System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return true;
                    }
                } catch (IOException notListeningYet) {
                    // the server has not opened its port yet
                }
                Thread.sleep(POLL);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + url, e);
        }
    }
}
