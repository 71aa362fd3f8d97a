package dev.orderplatform.order.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.order.audit.AuditSnapshot.OrderFact;
import dev.orderplatform.order.audit.AuditSnapshot.RecordStatus;
import dev.orderplatform.order.audit.AuditSnapshot.SellRecordFact;
import dev.orderplatform.order.order.OrderStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The invariant checker as pure logic: each violation is found, with the orders involved. */
class StockAuditorTest {

    final StockAuditor auditor = new StockAuditor();

    @Test
    void consistentSnapshotHasNoViolations() {
        AuditReport report = auditor.audit(new AuditSnapshot(
                List.of(
                        order("A", OrderStatus.WAIT_BUYER_PAY, 2),
                        order("B", OrderStatus.TRADE_SUCCESS, 3),
                        order("C", OrderStatus.TRADE_CLOSED, 4)),
                List.of(
                        record("A", RecordStatus.DEDUCTED, 2),
                        record("B", RecordStatus.DEDUCTED, 3),
                        record("C", RecordStatus.RETURNED, 4),
                        new SellRecordFact("D", RecordStatus.RETURNED, Map.of())),
                Map.of(1L, 5),
                Map.of(1L, 10)));

        assertThat(report.violations()).isEmpty();
        assertThat(report.consistent()).isTrue();
        assertThat(report.liveOrders()).isEqualTo(2);
        assertThat(report.equationChecked()).isTrue();
    }

    @Test
    void everyKindOfViolationIsReportedWithItsOrders() {
        AuditReport report = auditor.audit(new AuditSnapshot(
                List.of(
                        order("live-returned", OrderStatus.WAIT_BUYER_PAY, 1),
                        order("closed-deducted", OrderStatus.TRADE_CLOSED, 2),
                        order("paid-mismatch", OrderStatus.TRADE_SUCCESS, 3),
                        order("paid-no-record", OrderStatus.TRADE_SUCCESS, 1)),
                List.of(
                        record("live-returned", RecordStatus.RETURNED, 1),
                        record("closed-deducted", RecordStatus.DEDUCTED, 2),
                        record("paid-mismatch", RecordStatus.DEDUCTED, 2),
                        record("orphan", RecordStatus.DEDUCTED, 7)),
                Map.of(1L, -1, 2L, 3),
                Map.of(1L, 10, 3L, 1)));

        assertThat(report.consistent()).isFalse();
        assertThat(report.violations())
                .extracting(Violation::type, Violation::orderSns)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("NEGATIVE_STOCK", List.of()),
                        org.assertj.core.groups.Tuple.tuple("DEDUCTED_WITHOUT_ORDER", List.of("orphan")),
                        org.assertj.core.groups.Tuple.tuple("DEDUCTED_FOR_CLOSED_ORDER", List.of("closed-deducted")),
                        org.assertj.core.groups.Tuple.tuple("QUANTITY_MISMATCH", List.of("paid-mismatch")),
                        org.assertj.core.groups.Tuple.tuple("LIVE_ORDER_NOT_DEDUCTED", List.of("live-returned")),
                        org.assertj.core.groups.Tuple.tuple("LIVE_ORDER_NOT_DEDUCTED", List.of("paid-no-record")),
                        // 10 != -1 + (1 + 3 + 1) live units
                        org.assertj.core.groups.Tuple.tuple(
                                "STOCK_EQUATION", List.of("live-returned", "paid-mismatch", "paid-no-record")),
                        org.assertj.core.groups.Tuple.tuple("MISSING_STOCK", List.of()));
        Violation equation = report.violations().stream()
                .filter(v -> v.type().equals("STOCK_EQUATION"))
                .findFirst()
                .orElseThrow();
        assertThat(equation.goodsId()).isEqualTo(1L);
        assertThat(equation.expected()).isEqualTo(10L);
        assertThat(equation.actual()).isEqualTo(4L);
    }

    @Test
    void duplicateRecordsAreReported() {
        AuditReport report = auditor.audit(new AuditSnapshot(
                List.of(),
                List.of(record("X", RecordStatus.RETURNED, 1), record("X", RecordStatus.DEDUCTED, 1)),
                Map.of(),
                null));
        assertThat(report.violations()).extracting(Violation::type).contains("DUPLICATE_SELL_RECORD");
    }

    @Test
    void aReportListsTheFirstThousandViolationsAndCountsAll() {
        List<SellRecordFact> orphans = java.util.stream.IntStream.range(0, 1500)
                .mapToObj(i -> record(String.format("orphan-%04d", i), RecordStatus.DEDUCTED, 1))
                .toList();

        AuditReport report = auditor.audit(new AuditSnapshot(List.of(), orphans, Map.of(1L, 0), null));

        assertThat(report.consistent()).isFalse();
        assertThat(report.violationCount()).isEqualTo(1500);
        assertThat(report.violations()).hasSize(1000).allMatch(v -> v.type().equals("DEDUCTED_WITHOUT_ORDER"));
        assertThat(report.deductedRecords()).isEqualTo(1500);
    }

    @Test
    void aTallyFedRecordAndOrderAtATimeAnswersAsTheSnapshotDoes() {
        OrderFact waiting = order("A", OrderStatus.WAIT_BUYER_PAY, 2);
        OrderFact returned = order("B", OrderStatus.TRADE_SUCCESS, 3);
        StockAuditor.Tally tally = new StockAuditor.Tally();
        tally.record(record("A", RecordStatus.DEDUCTED, 2), waiting);
        tally.record(record("B", RecordStatus.RETURNED, 3), null);
        tally.liveOrderWithoutDeduction(returned, record("B", RecordStatus.RETURNED, 3));

        AuditReport streamed = tally.report(Map.of(1L, 8), Map.of(1L, 10), 2);
        AuditReport whole = auditor.audit(new AuditSnapshot(
                List.of(waiting, returned),
                List.of(record("A", RecordStatus.DEDUCTED, 2), record("B", RecordStatus.RETURNED, 3)),
                Map.of(1L, 8),
                Map.of(1L, 10)));

        assertThat(streamed).isEqualTo(whole);
        assertThat(streamed.violations())
                .extracting(Violation::type)
                .containsExactlyInAnyOrder("LIVE_ORDER_NOT_DEDUCTED", "STOCK_EQUATION");
    }

    private static OrderFact order(String sn, OrderStatus status, int quantity) {
        return new OrderFact(sn, status, Map.of(1L, quantity));
    }

    private static SellRecordFact record(String sn, RecordStatus status, int quantity) {
        return new SellRecordFact(sn, status, Map.of(1L, quantity));
    }
}
