package dev.orderplatform.conformance;

import dev.orderplatform.infra.rocketmq.RocketMqNodeMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that start a RocketMQ node in the images the operator can deploy, and the same node started here
 * by {@link RocketMqNodeMain}: the main of the project's image ({@code namesrv}, {@code broker --config F}), which
 * loads broker.conf as the Apache image's scripts do ({@code sh mqnamesrv}, {@code sh mqbroker -c F}).
 */
enum RocketMqLaunch {
    NAME_SERVER("namesrv", "mqnamesrv"),
    BROKER("broker", "mqbroker");

    private final String mode;
    private final String script;

    RocketMqLaunch(String mode, String script) {
        this.mode = mode;
        this.script = script;
    }

    boolean startedBy(List<String> commandLine) {
        return commandLine.contains(script)
                || (!commandLine.isEmpty() && commandLine.getFirst().equals(mode));
    }

    /** The broker.conf the broker is started with. */
    String configFile(List<String> commandLine) {
        return commandLine.get(configFileIndex(commandLine));
    }

    /**
     * {@link RocketMqNodeMain}'s arguments for the generated command line, with broker.conf read from
     * {@code localConfig}: the project image's own arguments as they are, the Apache scripts' translated.
     */
    List<String> nodeArguments(List<String> commandLine, Path localConfig) {
        var arguments = new ArrayList<String>();
        if (commandLine.contains(script)) {
            arguments.add(mode);
            if (this == BROKER) {
                arguments.addAll(List.of("--config", localConfig.toString()));
            }
            return arguments;
        }
        arguments.addAll(commandLine);
        if (this == BROKER) {
            arguments.set(configFileIndex(commandLine), localConfig.toString());
        }
        return arguments;
    }

    private int configFileIndex(List<String> commandLine) {
        String flag = commandLine.contains(script) ? "-c" : "--config";
        int index = commandLine.indexOf(flag);
        if (index < 0 || index + 1 >= commandLine.size()) {
            throw new IllegalStateException(
                    "the " + mode + " is started without " + flag + " <broker.conf>: " + commandLine);
        }
        return index + 1;
    }
}
