package dev.orderplatform.inventory.parking;

import dev.orderplatform.web.openapi.AdminEndpoint;
import dev.orderplatform.web.paging.PageQuery;
import dev.orderplatform.web.paging.PageWindow;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Messages the service could not act on, for an operator (ADMIN only). */
@RestController
@AdminEndpoint
@RequestMapping(path = "/api/v1/parked-messages", produces = MediaType.APPLICATION_JSON_VALUE)
class ParkedMessageController {

    private final ParkingService parking;

    ParkedMessageController(ParkingService parking) {
        this.parking = parking;
    }

    @GetMapping
    ParkedMessagePage list(@PageQuery(defaultSize = 50, maxSize = ParkingService.MAX_PAGE_SIZE) PageWindow window) {
        Page<ParkedMessage> found = parking.page(window);
        return new ParkedMessagePage(
                found.getContent().stream().map(ParkedMessageView::of).toList(),
                window.page(),
                window.size(),
                found.getTotalElements());
    }

    record ParkedMessagePage(List<ParkedMessageView> items, int page, int size, long totalElements) {}

    /**
     * @param bodyBase64 the body exactly as received
     * @param bodyText the body as UTF-8 text when it is valid UTF-8, else absent
     */
    record ParkedMessageView(
            long id,
            String messageId,
            String topic,
            String key,
            String reason,
            int reconsumeTimes,
            Instant parkedAt,
            String bodyBase64,
            String bodyText) {

        static ParkedMessageView of(ParkedMessage message) {
            byte[] body = message.body() == null ? new byte[0] : message.body();
            return new ParkedMessageView(
                    message.id(),
                    message.messageId(),
                    message.topic(),
                    message.messageKey(),
                    message.reason(),
                    message.reconsumeTimes(),
                    message.parkedAt(),
                    Base64.getEncoder().encodeToString(body),
                    utf8(body));
        }

        private static String utf8(byte[] body) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(body))
                        .toString();
            } catch (CharacterCodingException notText) {
                return null;
            }
        }
    }
}
