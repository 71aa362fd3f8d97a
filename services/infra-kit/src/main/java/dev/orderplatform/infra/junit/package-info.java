/**
 * One broker and one database per test JVM, shared by all test classes: {@link
 * dev.orderplatform.infra.junit.WithPlatformInfrastructure} and {@link
 * dev.orderplatform.infra.junit.PlatformInfrastructure}. Needs junit-jupiter-api (and spring-test for
 * {@code registerSpringProperties}) on the caller's test class path.
 */
package dev.orderplatform.infra.junit;
