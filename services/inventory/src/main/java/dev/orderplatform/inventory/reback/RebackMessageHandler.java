package dev.orderplatform.inventory.reback;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.orderplatform.contracts.messaging.v1.StockReturnRequested;
import dev.orderplatform.inventory.parking.ParkingService;
import dev.orderplatform.inventory.sell.ReturnResult;
import dev.orderplatform.inventory.sell.SellService;
import java.util.Arrays;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles one {@code order_reback} message: "return the stock of order X". Valid messages go to
 * {@link SellService#returnStock}, which is idempotent and order-independent (A4, A5), so duplicates, redeliveries
 * and a return that overtakes its Sell all end in the right stock. Invalid ones are parked.
 */
@Component
public class RebackMessageHandler {

    /** What happened to a message; every value means the message may be acknowledged. */
    public enum Handled {
        RETURNED,
        TOMBSTONE,
        DUPLICATE,
        PARKED
    }

    private static final Logger log = LoggerFactory.getLogger(RebackMessageHandler.class);

    private final SellService sells;
    private final ParkingService parking;

    public RebackMessageHandler(SellService sells, ParkingService parking) {
        this.sells = sells;
        this.parking = parking;
    }

    /**
     * @throws RuntimeException when the database failed: the message must be redelivered (not acknowledged)
     */
    public Handled handle(MessageExt message) {
        byte[] body = message.getBody() == null ? new byte[0] : message.getBody();
        StockReturnRequested request;
        try {
            request = StockReturnRequested.parseFrom(body);
        } catch (InvalidProtocolBufferException notOurs) {
            return park(message, body, "body is not a StockReturnRequested: " + notOurs.getMessage());
        }
        String orderSn = request.getOrderSn();
        if (orderSn.isBlank()) {
            return park(message, body, "order_sn is blank");
        }
        if (orderSn.length() > SellService.MAX_ORDER_SN_LENGTH) {
            return park(message, body, "order_sn is longer than " + SellService.MAX_ORDER_SN_LENGTH + " characters");
        }
        String keys = message.getKeys();
        if (keys != null
                && !keys.isBlank()
                && Arrays.stream(keys.split(MessageConst.KEY_SEPARATOR)).noneMatch(orderSn::equals)) {
            // The body is the contract; the key is for lookups in the broker. Acting on the body is still right.
            log.warn("Message {} returns order {} but its key is '{}'", messageId(message), orderSn, keys);
        }
        ReturnResult result = sells.returnStock(orderSn);
        log.info(
                "Return of order {} (reason {}, message {}, delivery {}): {}",
                orderSn,
                request.getReason(),
                messageId(message),
                message.getReconsumeTimes() + 1,
                result);
        return switch (result) {
            case RETURNED -> Handled.RETURNED;
            case TOMBSTONE -> Handled.TOMBSTONE;
            case DUPLICATE -> Handled.DUPLICATE;
        };
    }

    private Handled park(MessageExt message, byte[] body, String reason) {
        parking.park(
                messageId(message), message.getTopic(), message.getKeys(), body, reason, message.getReconsumeTimes());
        return Handled.PARKED;
    }

    /** The producer-side id, the same on every redelivery of the message. */
    static String messageId(MessageExt message) {
        String origin = message.getProperty(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID);
        return origin != null ? origin : message.getMsgId();
    }
}
