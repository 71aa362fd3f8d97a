package dev.orderplatform.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the services' settings tests assert: a value out of range fails the start, naming the setting. */
public final class StartUpSettings {

    private StartUpSettings() {}

    /**
     * Starts {@code runner}'s context with {@code setting} ({@code name=value}) and asserts that the start failed on
     * the bound record's {@code field}, naming the {@code rejected} value as the binder printed it.
     */
    public static void assertStartFailsNaming(
            ApplicationContextRunner runner, String setting, String field, String rejected) {
        runner.withPropertyValues(setting)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("on field '" + field + "'")
                        .hasMessageContaining("rejected value [" + rejected + "]"));
    }
}
