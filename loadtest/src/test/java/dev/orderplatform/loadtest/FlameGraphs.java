package dev.orderplatform.loadtest;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU flame graphs of the platform's JVMs under load, with async-profiler (its Maven artifact carries the native
 * library): attached to each running JVM through the JDK's attach API, started at the beginning of a window and
 * stopped at its end, each writing one HTML flame graph. perf_events where the kernel allows them, else a CPU-time
 * timer. Profiling is never worth failing the benchmark for: a JVM that cannot be profiled is reported and skipped.
 */
final class FlameGraphs {

    private final Path library;
    private final Map<String, Long> profiled = new LinkedHashMap<>();

    private FlameGraphs(Path library) {
        this.library = library;
    }

    /** Extracts the linux-x64 library of the async-profiler artifact into dir. */
    static FlameGraphs prepare(Path dir) {
        try (InputStream lib = FlameGraphs.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            if (lib == null) {
                throw new IllegalStateException("async-profiler's linux-x64 library is not on the classpath");
            }
            Files.createDirectories(dir);
            Path file = dir.resolve("libasyncProfiler.so");
            Files.copy(lib, file, StandardCopyOption.REPLACE_EXISTING);
            return new FlameGraphs(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts CPU profiling of each JVM (by role); returns the roles that could not be profiled, with why. */
    List<String> start(Map<String, ProcessHandle> jvms) {
        List<String> problems = new ArrayList<>();
        jvms.forEach((role, jvm) -> {
            String error = command(jvm.pid(), "start,event=cpu,interval=5ms");
            if (error != null) {
                error = command(jvm.pid(), "start,event=ctimer,interval=5ms");
            }
            if (error == null) {
                profiled.put(role, jvm.pid());
            } else {
                problems.add(role + ": " + error);
            }
        });
        return problems;
    }

    /** Stops every profile started and writes {@code <prefix>-<role>-cpu.html} into dir; returns the files. */
    List<Path> stop(Path dir, String prefix) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>();
        profiled.forEach((role, pid) -> {
            Path file = dir.resolve(prefix + "-" + role.replaceAll("\\W+", "-") + "-cpu.html");
            String error = command(pid, "stop,file=" + file);
            if (error == null) {
                files.add(file);
            } else {
                System.out.println("[benchmark] no flame graph of " + role + ": " + error);
            }
        });
        profiled.clear();
        return files;
    }

    /** One async-profiler command in the target JVM; null when it succeeded, else the reason. */
    private String command(long pid, String options) {
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                vm.loadAgentPath(library.toString(), options);
                return null;
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return e.toString();
        }
    }
}
