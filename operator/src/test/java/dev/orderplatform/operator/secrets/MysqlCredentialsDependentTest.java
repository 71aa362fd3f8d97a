package dev.orderplatform.operator.secrets;

import static dev.orderplatform.operator.platform.TestPlatforms.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderplatform.operator.platform.OrderPlatformSpec.DataRetention;
import dev.orderplatform.operator.platform.TestPlatforms;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlCredentialsDependentTest {

    @Test
    void credentialsAreOwnedByThePlatformOnlyWhenItsDataIsDeletedWithIt() {
        var platform = TestPlatforms.withSpec("dataRetention: Delete");
        platform.getMetadata().setUid("0b6a1c6e-uid");

        var deleted = MysqlCredentialsDependent.ownedPerRetention(
                GeneratedSecrets.mysqlCredentials(settings(""), Map.of()), platform, DataRetention.Delete);
        var retained = MysqlCredentialsDependent.ownedPerRetention(
                GeneratedSecrets.mysqlCredentials(settings(""), Map.of()), platform, DataRetention.Retain);

        assertThat(deleted.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo("0b6a1c6e-uid");
            assertThat(owner.getKind()).isEqualTo("OrderPlatform");
            assertThat(owner.getName()).isEqualTo("shop");
        });
        assertThat(retained.getMetadata().getOwnerReferences()).isEmpty();
    }
}
