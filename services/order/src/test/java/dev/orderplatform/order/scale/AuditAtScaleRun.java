package dev.orderplatform.order.scale;

import dev.orderplatform.order.OrderApplication;
import dev.orderplatform.order.audit.AuditCollector;
import dev.orderplatform.order.audit.AuditReport;
import dev.orderplatform.order.reconciliation.Reconciliation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The measured side of {@link AuditAtScaleBenchmark}: the order application (without the tests' fault-injection
 * beans), one task, its wall time and the peak heap while it ran, printed as {@value #RESULT} lines.
 */
public final class AuditAtScaleRun {

    static final String RESULT = "AUDIT-AT-SCALE ";

    private AuditAtScaleRun() {}

    public static void main(String[] args) {
        String task = args[0];
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrderApplication.class)
                .initializers(ctx -> ctx.getBeanFactory()
                        .registerSingleton("withoutTestConfigurations", new WithoutTestConfigurations()))
                .run(Arrays.copyOfRange(args, 1, args.length))) {
            AuditCollector audit = context.getBean(AuditCollector.class);
            switch (task) {
                case "audit" -> measure("audit (GET, every goods)", () -> describe(audit.audit(List.of(), Map.of())));
                case "audit-with-initial-stock" ->
                    measure(
                            "audit (POST, initial stock of the 100 goods)",
                            () -> describe(audit.audit(
                                    List.of(),
                                    LongStream.range(0, 100)
                                            .boxed()
                                            .collect(Collectors.toMap(i -> 900_001 + i, i -> 10_000_000)))));
                case "reconciliation" -> {
                    Reconciliation reconciliation = context.getBean(Reconciliation.class);
                    measure("reconciliation, first run", () -> describe(reconciliation.run()));
                    measure("reconciliation, next run", () -> describe(reconciliation.run()));
                }
                default -> throw new IllegalArgumentException(task);
            }
        }
        System.exit(0); // the broker client's threads
    }

    private static void measure(String what, Supplier<String> task) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long baseline =
                heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = task.get();
        } catch (OutOfMemoryError e) {
            outcome = "OutOfMemoryError (" + e.getMessage() + ")";
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // The sum of each pool's own peak: an upper bound of the heap in use at any one moment.
        long peak =
                heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(
                "%s%s: %.1f s, peak heap %d MB (%d MB in use before it; -Xmx %d MB): %s%n",
                RESULT,
                what,
                millis / 1000.0,
                mb(peak),
                mb(baseline),
                mb(Runtime.getRuntime().maxMemory()),
                outcome);
        if (outcome.startsWith("OutOfMemoryError")) {
            System.exit(3);
        }
    }

    private static String describe(AuditReport report) {
        return "consistent=" + report.consistent() + ", violations=" + report.violationCount() + ", orders="
                + report.orders() + ", live=" + report.liveOrders() + ", deducted=" + report.deductedRecords()
                + ", returned=" + report.returnedRecords() + ", goods="
                + report.goodsIds().size();
    }

    private static String describe(Reconciliation.Result result) {
        return "examined=" + result.examined() + ", settled=" + result.settled() + ", repaired="
                + result.repairedCount();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** The tests' {@code @TestConfiguration} classes are on the class path but not part of the application. */
    static final class WithoutTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(
                org.springframework.core.type.classreading.MetadataReader reader,
                org.springframework.core.type.classreading.MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WithoutTestConfigurations;
        }

        @Override
        public int hashCode() {
            return WithoutTestConfigurations.class.hashCode();
        }
    }
}
