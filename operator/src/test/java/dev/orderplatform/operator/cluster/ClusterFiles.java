package dev.orderplatform.operator.cluster;

import java.nio.file.Path;

/** Files of the repository that users apply, found from the build's repository root. */
final class ClusterFiles {

    static final Path REPOSITORY = Path.of(System.getProperty("orderplatform.repository.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path CHART = REPOSITORY.resolve("helm/orderplatform-operator");
    static final Path CRD = REPOSITORY.resolve("crds/orderplatforms.orderplatform.dev-v1.yml");
    static final Path EXAMPLES = REPOSITORY.resolve("crds/examples");

    private ClusterFiles() {}
}
