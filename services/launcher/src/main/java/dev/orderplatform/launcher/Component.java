package dev.orderplatform.launcher;

/** The processes of a local platform, in start order. */
public enum Component {
    MARIADB,
    ROCKETMQ,
    GOODS,
    INVENTORY,
    ORDER;

    String processName() {
        return name().toLowerCase();
    }
}
