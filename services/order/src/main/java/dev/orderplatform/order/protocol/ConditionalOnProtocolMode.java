package dev.orderplatform.order.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A bean that exists only in the given protocol modes ({@code orderplatform.protocol.mode}, default
 * {@code reliable}). The property is bound like {@link ProtocolProperties} binds it ({@code producer-per-request},
 * {@code PRODUCER_PER_REQUEST}, ... all work; an unknown value fails the start).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ConditionalOnProtocolMode.OnProtocolMode.class)
public @interface ConditionalOnProtocolMode {

    ProtocolMode[] value();

    final class OnProtocolMode extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ProtocolMode mode = Binder.get(context.getEnvironment())
                    .bind(ProtocolMode.PROPERTY, ProtocolMode.class)
                    .orElse(ProtocolMode.RELIABLE);
            Map<String, Object> attributes =
                    metadata.getAnnotationAttributes(ConditionalOnProtocolMode.class.getName());
            ProtocolMode[] wanted = (ProtocolMode[]) attributes.get("value");
            boolean match = Arrays.asList(wanted).contains(mode);
            String message = ProtocolMode.PROPERTY + "=" + mode.value() + (match ? " is one of " : " is none of ")
                    + Arrays.toString(wanted);
            return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
        }
    }
}
