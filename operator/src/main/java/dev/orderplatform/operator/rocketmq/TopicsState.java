package dev.orderplatform.operator.rocketmq;

import java.util.List;

/**
 * The platform's topics as found through one name server: which master brokers it knows and which
 * topics they lack ({@code topic@broker}), or why it could not be asked.
 */
public record TopicsState(String nameServerAddress, List<String> masterBrokers, List<String> missing, String error) {

    public static TopicsState found(String nameServerAddress, List<String> masterBrokers, List<String> missing) {
        return new TopicsState(nameServerAddress, List.copyOf(masterBrokers), List.copyOf(missing), null);
    }

    public static TopicsState unknown(String nameServerAddress, String error) {
        return new TopicsState(nameServerAddress, List.of(), List.of(), error);
    }

    /** Why the services cannot use the topics yet, or null when every master broker has them all. */
    public String waitingFor() {
        if (error != null) {
            return error;
        }
        // A broker registers with the name server some seconds after its port opens (its readiness check):
        // until then there is nothing to create the topics on, which is not the same as having them.
        if (masterBrokers.isEmpty()) {
            return "no master broker registered with name server " + nameServerAddress;
        }
        return missing.isEmpty() ? null : "missing " + String.join(", ", missing);
    }
}
