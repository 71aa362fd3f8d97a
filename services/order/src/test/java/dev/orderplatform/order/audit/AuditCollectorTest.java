package dev.orderplatform.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.orderplatform.contracts.inventory.v1.SellRecordStatus;
import dev.orderplatform.order.OrderServiceTest;
import dev.orderplatform.order.support.OrderApi;
import dev.orderplatform.order.support.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit as it pages through the real databases: live orders that are not among the DEDUCTED records' orders are
 * looked for only when the live orders' count says that one is missing, and then found, with the right detail.
 */
class AuditCollectorTest extends OrderServiceTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void liveOrdersWithoutTheirDeductionAreFound_andTheEquationNamesTheHolders() {
        long goods = platform.newGoods("2.00", 10);
        OrderApi api = api();
        String payer = tokenOf(Platform.freshUser());
        String paid = api.order(payer, Map.of(goods, 3)).text("orderSn");
        api.post(payer, "/api/v1/orders/" + paid + "/pay", null);
        // Returned by the protocol, then made live again behind its back: stock returned while the order holds it.
        String reopened =
                api.order(tokenOf(Platform.freshUser()), Map.of(goods, 2)).text("orderSn");
        protocol.closeIfUnpaid(reopened);
        awaitRecord(reopened, SellRecordStatus.SELL_RECORD_STATUS_RETURNED);
        jdbc.sql("UPDATE orders SET status = 'WAIT_BUYER_PAY', closed_at = NULL WHERE order_sn = ?")
                .param(reopened)
                .update();
        // An order that never sold anything.
        String unsold = Platform.freshOrderSn();
        jdbc.sql("INSERT INTO orders (order_sn, user_id, status, total, address, signer_name, signer_mobile,"
                        + " created_at, updated_at, pay_deadline) VALUES (?, 'u-unsold', 'WAIT_BUYER_PAY', 2.00, 'a', 'n', 'm',"
                        + " NOW(3), NOW(3), NOW(3) + INTERVAL 30 MINUTE)")
                .param(unsold)
                .update();
        jdbc.sql("INSERT INTO order_line (order_sn, goods_id, goods_name, price, quantity) VALUES (?, ?, 'g', 2.00, 1)")
                .params(unsold, goods)
                .update();

        AuditReport report = audit.audit(List.of(), Map.of(goods, 10));

        assertThat(report.violations())
                .extracting(Violation::type, Violation::orderSns)
                .containsExactlyInAnyOrder(
                        tuple("LIVE_ORDER_NOT_DEDUCTED", List.of(reopened)),
                        tuple("LIVE_ORDER_NOT_DEDUCTED", List.of(unsold)),
                        tuple(
                                "STOCK_EQUATION",
                                List.of(paid, reopened, unsold).stream()
                                        .sorted()
                                        .toList()));
        assertThat(report.violations())
                .filteredOn(v -> v.orderSns().equals(List.of(reopened)))
                .extracting(Violation::detail)
                .singleElement()
                .asString()
                .endsWith("returned");
        assertThat(report.violations())
                .filteredOn(v -> v.orderSns().equals(List.of(unsold)))
                .extracting(Violation::detail)
                .singleElement()
                .asString()
                .contains("no sell record");
        Violation equation = report.violations().stream()
                .filter(v -> v.type().equals("STOCK_EQUATION"))
                .findFirst()
                .orElseThrow();
        assertThat(equation.expected()).isEqualTo(10L);
        assertThat(equation.actual()).isEqualTo(7L + 3 + 2 + 1);
        assertThat(report.violationCount()).isEqualTo(3);
        assertThat(report.orders()).isEqualTo(3);
        assertThat(report.liveOrders()).isEqualTo(3);
        assertThat(report.deductedRecords()).isEqualTo(1);
        assertThat(report.returnedRecords()).isEqualTo(1);
    }
}
