package dev.orderplatform.infra.rocketmq;

import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;

/**
 * Starts a configured name server or broker the one way this project runs them, whoever built the configuration
 * ({@link EmbeddedRocketMq} from {@link RocketMqSettings}, {@link RocketMqNodeMain} from a broker.conf): the broker
 * always gets the {@link IdleSafeTransactionalMessageService}. On failure the half-started server is shut down.
 */
final class RocketMqNodes {

    private RocketMqNodes() {}

    /** Initializes and starts a name server (no client config: it would dial itself on the host's address). */
    static NamesrvController startNameServer(NamesrvConfig config, NettyServerConfig server) {
        NamesrvController controller = new NamesrvController(config, server);
        if (!controller.initialize()) {
            controller.shutdown();
            throw new IllegalStateException("name server did not initialize");
        }
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw new IllegalStateException(
                    "name server did not start on " + address(server) + ": " + e.getMessage(), e);
        }
        return controller;
    }

    /** Initializes the broker, replaces its transactional message service by the idle-safe one, and starts it. */
    static BrokerController startBroker(BrokerController controller) {
        String address = address(controller.getNettyServerConfig());
        boolean initialized;
        try {
            initialized = controller.initialize();
        } catch (Exception e) {
            controller.shutdown();
            throw new IllegalStateException("broker did not initialize: " + e.getMessage(), e);
        }
        if (!initialized) {
            controller.shutdown();
            throw new IllegalStateException("broker did not initialize (store "
                    + controller.getMessageStoreConfig().getStorePathRootDir()
                    + " locked by another broker, or unreadable; see the RocketMQ log)");
        }
        // Before start: replace the stock transactional message service, whose op-batch thread spins when idle.
        controller.getTransactionalMessageService().close();
        controller.setTransactionalMessageService(new IdleSafeTransactionalMessageService(controller));
        try {
            controller.start();
        } catch (Exception e) {
            controller.shutdown();
            throw new IllegalStateException("broker did not start on " + address + ": " + e.getMessage(), e);
        }
        return controller;
    }

    private static String address(NettyServerConfig server) {
        return server.getBindAddress() + ":" + server.getListenPort();
    }
}
