package dev.orderplatform.operator.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The image registry and version this operator was built with: the service images default to the
 * same registry and tag, so an operator release deploys the services of the same release.
 */
public record OperatorBuild(String imageRegistry, String version) {

  private static final OperatorBuild CURRENT = load();

  public static OperatorBuild current() {
    return CURRENT;
  }

  private static OperatorBuild load() {
    try (InputStream in = OperatorBuild.class.getResourceAsStream("/operator-build.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return new OperatorBuild(properties.getProperty("image.registry"), properties.getProperty("version"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
