package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.orderplatform.operator.platform.OrderPlatformStatus.ComponentStatus;
import io.fabric8.kubernetes.api.model.Condition;

class StatusesTest {

  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

  @Test
  void notReadyComponentsMakeThePlatformProgressing() {
    var platform = TestPlatforms.withSpec("");
    var status = Statuses.reconciled(platform, TestPlatforms.settings(""),
        List.of(new ComponentStatus("mysql", 0, 1), new ComponentStatus("goods", 1, 1)), false, T0);

    assertThat(status.phase()).isEqualTo("Progressing");
    assertThat(status.readyComponents()).isEqualTo("1/2");
    assertThat(status.observedGeneration()).isEqualTo(1L);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getMessage()).isEqualTo("Waiting for mysql (0/1), topics");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void sameObservationsGiveAnEqualStatusAndTransitionTimesMoveOnlyOnFlips() {
    var platform = TestPlatforms.withSpec("");
    var components = List.of(new ComponentStatus("goods", 1, 1));
    platform.setStatus(Statuses.reconciled(platform, TestPlatforms.settings(""), components, false, T0));

    assertThat(Statuses.reconciled(platform, TestPlatforms.settings(""), components, false, T1))
        .isEqualTo(platform.getStatus());

    var ready = Statuses.reconciled(platform, TestPlatforms.settings(""), components, true, T1);
    assertThat(ready.phase()).isEqualTo("Ready");
    assertThat(condition(ready, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(ready, "Degraded").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void invalidSpecIsDegradedWithTheProblems() {
    var platform = TestPlatforms.withSpec("");
    var status = Statuses.invalidSpec(platform, new InvalidSpecException(List.of("a is wrong", "b is wrong")), T0);

    assertThat(status.phase()).isEqualTo("Degraded");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Degraded").getMessage()).isEqualTo("Invalid spec: a is wrong; b is wrong");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
  }

  static Condition condition(OrderPlatformStatus status, String type) {
    return status.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }
}
