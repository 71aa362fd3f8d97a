package dev.orderplatform.web.jdbc;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/** The database connection defaults of every service ({@code orderplatform-jdbc.properties}). */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:orderplatform-jdbc.properties")
public class PlatformJdbcConfiguration {}
