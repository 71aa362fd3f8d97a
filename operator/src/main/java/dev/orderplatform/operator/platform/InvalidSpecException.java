package dev.orderplatform.operator.platform;

import java.util.List;

/** The spec cannot be turned into a platform; the message lists every problem found. */
public class InvalidSpecException extends RuntimeException {

    private final List<String> problems;

    public InvalidSpecException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
