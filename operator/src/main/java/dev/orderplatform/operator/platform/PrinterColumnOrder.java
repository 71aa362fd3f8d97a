package dev.orderplatform.operator.platform;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step after the CRD generator (see the operator's pom): puts the printer columns in the order
 * of the {@link AdditionalPrinterColumn} annotations on the resource class. The generator sorts them
 * by JSON path, which puts AGE ({@code .metadata.creationTimestamp}) first; kubectl shows them in the
 * CRD's order, and AGE comes last by convention.
 */
public final class PrinterColumnOrder {

    private PrinterColumnOrder() {}

    /** Arguments: the generated CRD file, the resource class. Rewrites the file. */
    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path file = Path.of(args[0]);
        var crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        Files.writeString(file, Serialization.asYaml(ordered(crd, Class.forName(args[1]))));
    }

    static CustomResourceDefinition ordered(CustomResourceDefinition crd, Class<?> resource) {
        List<String> names = Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        Comparator<CustomResourceColumnDefinition> byAnnotation = Comparator.comparingInt(column -> {
            int index = names.indexOf(column.getName());
            return index < 0 ? names.size() : index;
        });
        crd.getSpec()
                .getVersions()
                .forEach(version -> version.setAdditionalPrinterColumns(version.getAdditionalPrinterColumns().stream()
                        .sorted(byAnnotation)
                        .toList()));
        return crd;
    }
}
