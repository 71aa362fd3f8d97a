package dev.orderplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** Ship what you test: the services in the images run the garbage collector that the local platform runs. */
class ServiceJvmOptionsTest {

    private static final String GC_CHOICE = "-XX:\\+Use\\w+GC";

    @Test
    void theImagesChooseTheCollectorTheLocalPlatformRuns() throws Exception {
        List<String> imageFlags = jibJvmFlags(Path.of("../../pom.xml"));

        // A pod under 1792 MB (the default limit is 1Gi) would get SerialGC by ergonomics, the local platform G1.
        assertThat(imageFlags)
                .as("the images' GC")
                .filteredOn(flag -> flag.matches(GC_CHOICE))
                .isNotEmpty();
        assertThat(LocalPlatform.SERVICE_JVM_OPTIONS.stream().filter(flag -> flag.matches(GC_CHOICE)))
                .containsExactlyElementsOf(imageFlags.stream()
                        .filter(flag -> flag.matches(GC_CHOICE))
                        .toList());
    }

    private static List<String> jibJvmFlags(Path pom) throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        var nodes = (NodeList) XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                        "//plugin[artifactId='jib-maven-plugin']/configuration/container/jvmFlags/jvmFlag",
                        document,
                        XPathConstants.NODESET);
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            flags.add(nodes.item(i).getTextContent().trim());
        }
        assertThat(flags).as("Jib jvmFlags in %s", pom).isNotEmpty();
        return flags;
    }
}
