package dev.orderplatform.order.reconciliation;

import dev.orderplatform.order.admission.AdmissionLimited;
import dev.orderplatform.web.openapi.AdminEndpoint;
import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: run the reconciliation now (it also runs every {@code orderplatform.reconciliation.interval}). In the
 * baseline protocol mode there is none ({@link ReconciliationBeans}) and the run is not found.
 */
@RestController
@AdmissionLimited
@AdminEndpoint
public class ReconciliationController {

    private final ObjectProvider<Reconciliation> reconciliation;

    public ReconciliationController(ObjectProvider<Reconciliation> reconciliation) {
        this.reconciliation = reconciliation;
    }

    @PostMapping(path = "/api/v1/reconciliation/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    Reconciliation.Result run() {
        Reconciliation available = reconciliation.getIfAvailable();
        if (available == null) {
            throw ApiProblem.notFound(
                    ErrorCodes.NOT_FOUND, "No reconciliation in protocol mode baseline (benchmarks only).");
        }
        return available.run();
    }
}
