package dev.orderplatform.order.reconciliation;

import dev.orderplatform.order.protocol.ConditionalOnProtocolMode;
import dev.orderplatform.order.protocol.ProtocolMode;
import dev.orderplatform.web.openapi.AdminEndpoint;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: run the reconciliation now (it also runs every {@code orderplatform.reconciliation.interval}). */
@RestController
@AdminEndpoint
@ConditionalOnProtocolMode({ProtocolMode.RELIABLE, ProtocolMode.PRODUCER_PER_REQUEST}) // off in the baseline
public class ReconciliationController {

    private final Reconciliation reconciliation;

    public ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping(path = "/api/v1/reconciliation/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    Reconciliation.Result run() {
        return reconciliation.run();
    }
}
