package dev.orderplatform.launcher;

import java.util.List;
import java.util.Locale;

/** The processes of a local platform, in start order. */
public enum Component {
    MARIADB,
    ROCKETMQ,
    GOODS,
    INVENTORY,
    ORDER;

    /** The three Spring Boot services (not the database and the broker), in start order. */
    public static final List<Component> SERVICES = List.of(GOODS, INVENTORY, ORDER);

    String processName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
