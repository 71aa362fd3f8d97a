package dev.orderplatform.operator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The API server's audit log of writes: who changed which object, when. */
record AuditLog(List<Event> events) {

    /** One accepted or refused write. */
    record Event(Instant time, String user, String verb, String resource, String namespace, String name, int code) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditLog read(Path file) {
        try (var lines = Files.lines(file)) {
            return new AuditLog(lines.map(AuditLog::event).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Event> by(String user, String namespace) {
        return events.stream()
                .filter(e -> e.user().equals(user) && namespace.equals(e.namespace()))
                .toList();
    }

    /** When the object was first written (created, or server-side applied, which creates), or null. */
    Instant firstWritten(String resource, String namespace, String name) {
        return events.stream()
                .filter(e -> e.code() < 300
                        && e.resource().equals(resource)
                        && namespace.equals(e.namespace())
                        && name.equals(e.name())
                        && !e.verb().equals("delete"))
                .map(Event::time)
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static Event event(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            JsonNode object = json.path("objectRef");
            return new Event(
                    Instant.parse(json.path("requestReceivedTimestamp").asText()),
                    json.path("user").path("username").asText(),
                    json.path("verb").asText(),
                    object.path("resource").asText(),
                    object.path("namespace").asText(null),
                    object.path("name").asText(null),
                    json.path("responseStatus").path("code").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
