package dev.orderplatform.order.support;

import dev.orderplatform.order.protocol.ProtocolHooks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Protocol hooks a test arms for one user (creation) or one order (close); all others pass straight through. */
public final class TestHooks implements ProtocolHooks {

    private final Map<String, Gate> beforeHalfMessage = new ConcurrentHashMap<>();
    private final Map<String, Gate> afterSell = new ConcurrentHashMap<>();
    private final Map<String, Gate> afterFence = new ConcurrentHashMap<>();
    private final Map<String, Gate> beforeTimer = new ConcurrentHashMap<>();
    private final Map<String, Gate> afterClose = new ConcurrentHashMap<>();
    private final Map<String, Gate> insideClose = new ConcurrentHashMap<>();

    public Gate blockBeforeHalfMessage(String userId) {
        return arm(beforeHalfMessage, userId);
    }

    public Gate blockAfterSell(String userId) {
        return arm(afterSell, userId);
    }

    public Gate blockAfterFence(String userId) {
        return arm(afterFence, userId);
    }

    public Gate blockBeforeTimer(String userId) {
        return arm(beforeTimer, userId);
    }

    public Gate blockInsideClose(String orderSn) {
        return arm(insideClose, orderSn);
    }

    public Gate blockAfterClose(String orderSn) {
        return arm(afterClose, orderSn);
    }

    @Override
    public void beforeHalfMessage(String userId, String orderSn) {
        pass(beforeHalfMessage, userId, orderSn);
    }

    @Override
    public void afterSell(String userId, String orderSn) {
        pass(afterSell, userId, orderSn);
    }

    @Override
    public void afterFence(String userId, String orderSn) {
        pass(afterFence, userId, orderSn);
    }

    @Override
    public void beforeTimer(String userId, String orderSn) {
        pass(beforeTimer, userId, orderSn);
    }

    @Override
    public void insideClose(String orderSn) {
        pass(insideClose, orderSn, orderSn);
    }

    @Override
    public void afterClose(String orderSn) {
        pass(afterClose, orderSn, orderSn);
    }

    private static Gate arm(Map<String, Gate> gates, String key) {
        Gate gate = new Gate();
        gates.put(key, gate);
        return gate;
    }

    private static void pass(Map<String, Gate> gates, String key, String orderSn) {
        Gate gate = gates.remove(key);
        if (gate != null) {
            gate.arrive(orderSn);
        }
    }
}
