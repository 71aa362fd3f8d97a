package dev.orderplatform.web.rocketmq;

/**
 * Where the RocketMQ client of a service logs. The client does not log through SLF4J but through a logback of its
 * own, configured once, when its first logger is created, from the system property {@value #CONFIGURATION_PROPERTY}.
 */
public final class RocketMqClientLogging {

    static final String CONFIGURATION_PROPERTY = "rmq.logback.configurationFile";

    static final String SERVICE_CONFIGURATION = "orderplatform-rocketmq-logback.xml";

    private RocketMqClientLogging() {}

    /**
     * To the service's standard output at WARN ({@code -Drocketmq.log.level} changes it), unless the JVM was given
     * a configuration of its own; call it first in {@code main}, before any RocketMQ class logs.
     */
    public static void toStandardOutput() {
        if (System.getProperty(CONFIGURATION_PROPERTY) == null) {
            System.setProperty(CONFIGURATION_PROPERTY, SERVICE_CONFIGURATION);
        }
    }
}
