package dev.orderplatform.order.reconciliation;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: run the reconciliation now (it also runs every {@code orderplatform.reconciliation.interval}). */
@RestController
public class ReconciliationController {

    private final Reconciliation reconciliation;

    public ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping("/api/v1/reconciliation/runs")
    Reconciliation.Result run() {
        return reconciliation.run();
    }
}
