package dev.orderplatform.launcher;

import java.util.Locale;

/** The processes of a local platform, in start order. */
public enum Component {
    MARIADB,
    ROCKETMQ,
    GOODS,
    INVENTORY,
    ORDER;

    String processName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
