package dev.orderplatform.web.json;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies are read as they are written: Jackson would otherwise take {@code 1.5} for an integer field as 1,
 * silently. A JSON number with a fraction or an exponent where an integer is expected is refused instead, and
 * answered as a field error (see {@link dev.orderplatform.web.problem.ProblemDetailsAdvice}).
 */
@Configuration(proxyBeanMethods = false)
public class StrictNumbersConfiguration {

    @Bean
    JsonMapperBuilderCustomizer refuseFloatsForIntegers() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
