package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cache is used only by the JVM and on the extraction that trained it. */
class ServicePackageTest {

    @TempDir
    Path launcherDir;

    private ServicePackage goods;
    private Path dir;

    @BeforeEach
    void extracted() throws IOException {
        goods = ServicePackage.in(launcherDir, Component.GOODS);
        dir = launcherDir.resolve("services/goods");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("extracted-from.sha256"), "aaaa\n");
    }

    @Test
    void aCacheStampedByThisJvmOnThisExtractionIsUsable() throws IOException {
        // The training stamp names a JDK 25+ JVM; on an older JVM no cache ever counts, so there is nothing to compare.
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+");
        Files.writeString(goods.aotCache(), "cache");
        goods.stampCache();

        assertThat(goods.cacheUnusableReason()).isEmpty();
    }

    @Test
    void aCacheTrainedByAnotherJvmIsNot() throws IOException {
        Files.writeString(goods.aotCache(), "cache");
        goods.stampCache();
        Path stamp = dir.resolve("aot-cache.properties");
        Files.writeString(
                stamp,
                Files.readString(stamp)
                        .replace(
                                "java.vm.version=" + System.getProperty("java.vm.version"),
                                "java.vm.version=25-other"));

        assertThat(goods.cacheUnusableReason())
                .hasValueSatisfying(reason -> assertThat(reason).contains("25-other"));
    }

    @Test
    void aCacheTrainedOnAnotherExtractionIsNot() throws IOException {
        Files.writeString(goods.aotCache(), "cache");
        goods.stampCache();
        Files.writeString(dir.resolve("extracted-from.sha256"), "bbbb\n");

        assertThat(goods.cacheUnusableReason()).isPresent();
    }

    @Test
    void aMissingCacheIsNotUsableAndCannotBeStamped() {
        assertThat(goods.cacheUnusableReason()).isPresent();
        assertThatThrownBy(goods::stampCache).hasMessageContaining("wrote no AOT cache");
    }
}
