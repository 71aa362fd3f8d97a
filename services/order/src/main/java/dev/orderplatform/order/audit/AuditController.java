package dev.orderplatform.order.audit;

import dev.orderplatform.order.admission.AdmissionLimited;
import dev.orderplatform.web.openapi.AdminEndpoint;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: the stock audit. {@code GET /api/v1/audit[?goodsIds=1,2]} runs the structural checks;
 * {@code POST /api/v1/audit} with {@code {"initialStock": {"<goodsId>": n}, "goodsIds": [...]}} adds the sum equation.
 * Always 200 with an {@link AuditReport}; {@code consistent} says whether the invariant holds.
 */
@RestController
@AdmissionLimited
@AdminEndpoint
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

    private final AuditCollector collector;

    public AuditController(AuditCollector collector) {
        this.collector = collector;
    }

    public record AuditRequest(Map<Long, Integer> initialStock, List<Long> goodsIds) {}

    @GetMapping
    AuditReport structural(@RequestParam(required = false) List<Long> goodsIds) {
        return collector.audit(goodsIds == null ? List.of() : goodsIds, Map.of());
    }

    @PostMapping
    AuditReport withInitialStock(@RequestBody AuditRequest request) {
        return collector.audit(
                request.goodsIds() == null ? List.of() : request.goodsIds(),
                request.initialStock() == null ? Map.of() : request.initialStock());
    }
}
