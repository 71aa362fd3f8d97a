package dev.orderplatform.infra.rocketmq;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.rocketmq.common.utils.ServiceProvider;
import org.apache.rocketmq.store.ha.DefaultHAService;
import org.apache.rocketmq.store.ha.HAService;

/**
 * RocketMQ 5.5.0's HA service for a master that never has a slave ({@link EmbeddedRocketMq}): all of it but the
 * socket slaves connect to. RocketMQ binds that socket to all interfaces ({@code new InetSocketAddress(haListenPort)}
 * in {@code DefaultHAService.AcceptSocketService}, with no setting for the address), and this project's local
 * servers listen on 127.0.0.1 only. Without slaves the master's HA state stays what it was: no connections, nothing
 * to transfer.
 *
 * <p>Public with a public constructor: RocketMQ's {@link ServiceProvider} instantiates it.
 */
public final class NoReplicaHaService extends DefaultHAService {

    private static final String SERVICE_FILE = ServiceProvider.PREFIX + HAService.class.getName();

    /**
     * Runs {@code start} (which creates a broker's message store) so that the store gets this HA service.
     * RocketMQ looks its {@code HAService} up in the thread's context class loader: answering that one lookup here,
     * for this call only, leaves the brokers of {@link RocketMqNodeMain} (the image's, in pods) with RocketMQ's own.
     */
    static <T> T forStoresCreatedBy(Supplier<T> start) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(
                new HaServiceLookup(previous != null ? previous : NoReplicaHaService.class.getClassLoader()));
        try {
            return start.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void start() {
        // DefaultHAService.start() without the accept socket; a master has no HA client to start.
        groupTransferService.start();
        haConnectionStateNotificationService.start();
    }

    /** Names this class as the {@code HAService} to RocketMQ's {@link ServiceProvider}; all else from its parent. */
    private static final class HaServiceLookup extends ClassLoader {

        HaServiceLookup(ClassLoader parent) {
            super(parent);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.equals(SERVICE_FILE)) {
                return new ByteArrayInputStream(
                        NoReplicaHaService.class.getName().getBytes(StandardCharsets.UTF_8));
            }
            return super.getResourceAsStream(name);
        }
    }
}
