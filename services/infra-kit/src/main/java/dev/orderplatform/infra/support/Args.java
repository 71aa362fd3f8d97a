package dev.orderplatform.infra.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses {@code --name value} and {@code --name=value} command-line options of the server mains. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args() {}

    /** Parses the arguments, refusing options outside {@code allowed}. */
    public static Args parse(String[] args, Set<String> allowed) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; options are " + allowed);
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options are " + allowed);
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("option --" + name + " is required"));
    }

    public int intValue(String name, int defaultValue) {
        return get(name).map(Integer::parseInt).orElse(defaultValue);
    }
}
