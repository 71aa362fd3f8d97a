package dev.orderplatform.k8s.testkit;

/** What a command line tool (kubectl, helm) answered. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or an exception with everything the tool said. */
    public CommandResult orThrow() {
        if (!succeeded()) {
            throw new IllegalStateException(this.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return "`" + command + "` exited with " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
