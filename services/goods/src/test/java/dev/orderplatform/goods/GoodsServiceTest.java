package dev.orderplatform.goods;

import dev.orderplatform.infra.junit.PlatformInfrastructure;
import dev.orderplatform.infra.junit.WithPlatformInfrastructure;
import dev.orderplatform.web.security.JwtTokens;
import dev.orderplatform.web.security.Roles;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the goods service's tests: the whole application on the JVM's shared, real MariaDB (schema
 * {@code goods}), MockMvc for HTTP (and the real server on a free port, for the tests that need real HTTP) and a
 * loopback gRPC server on a free port. Every test class extends this
 * unchanged, so they share one Spring context (except {@code OtlpSpanExportTest}, whose context exports its spans);
 * they isolate by their own rows (unique names), never by cleaning the shared table.
 */
@WithPlatformInfrastructure
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "orderplatform.jwt.secret=goods-test-secret-that-is-at-least-32-bytes",
            "spring.grpc.server.address=127.0.0.1",
            "spring.grpc.server.port=0",
            "server.address=127.0.0.1"
        })
@AutoConfigureMockMvc
public abstract class GoodsServiceTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PlatformInfrastructure.shared().registerSpringProperties(registry, "goods");
    }

    @Autowired
    protected MockMvc mvc;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JwtTokens tokens;

    @Autowired
    protected JdbcTemplate jdbc;

    protected String adminToken() {
        return "Bearer " + tokens.issue("catalogue-admin", List.of(Roles.ADMIN), Duration.ofMinutes(5));
    }

    protected String userToken() {
        return "Bearer " + tokens.issue("shopper-7", List.of(Roles.USER), Duration.ofMinutes(5));
    }

    /** A goods name no other test uses: the rows a test may look for. */
    protected static String uniqueName(String what) {
        return what + " " + UUID.randomUUID();
    }

    protected int rowsNamed(String name) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM goods WHERE name = ?", Integer.class, name);
        return rows == null ? 0 : rows;
    }
}
