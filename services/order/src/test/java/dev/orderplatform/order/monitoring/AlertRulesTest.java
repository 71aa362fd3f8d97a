package dev.orderplatform.order.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orderplatform.k8s.testkit.PrometheusBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules of monitoring/prometheus pass {@code promtool check rules} and their unit tests,
 * {@code promtool test rules} (a firing and a not-firing case for every alert).
 */
class AlertRulesTest {

    private static final Path TESTS = Path.of("../../monitoring/prometheus/orderplatform-rules.test.yaml");

    private PrometheusBinaries binaries;

    @BeforeEach
    void promtool() {
        binaries = PrometheusBinaries.find().orElse(null);
        // Skips (one line saying how to get them) only without promtool and without Go; CI builds them first.
        assumeTrue(binaries != null, PrometheusBinaries::missingReason);
    }

    @Test
    void theRulesAreValid() throws Exception {
        String output = promtool("check", "rules", PrometheusScrapeTest.RULES.toString());
        assertThat(output).contains("SUCCESS: 7 rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        promtool("test", "rules", TESTS.toString());
    }

    /** Runs promtool; fails with its output unless it exits 0. */
    private String promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binaries.promtool().toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }
}
