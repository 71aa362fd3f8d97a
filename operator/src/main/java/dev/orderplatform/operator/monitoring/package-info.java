/**
 * Monitoring of a platform on a cluster with the Prometheus Operator: a PodMonitor for the services and a
 * PrometheusRule with the platform's alerts. References are non-null unless marked {@code @Nullable} (JSpecify;
 * NullAway checks it).
 */
@NullMarked
package dev.orderplatform.operator.monitoring;

import org.jspecify.annotations.NullMarked;
