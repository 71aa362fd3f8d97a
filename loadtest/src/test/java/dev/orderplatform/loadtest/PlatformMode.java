package dev.orderplatform.loadtest;

import java.util.List;

/**
 * A mode of a local platform as {@code -DprotocolMode} and each entry of {@code -Dmodes} give it: a named mode
 * ({@code reliable}, {@code baseline}, ... see {@link PlatformUnderTest}) optionally followed by JVM options of its three
 * services, separated by spaces, so that one benchmark run compares a JVM setting pair by pair:
 * {@code -Dmodes="reliable,reliable -Djdk.virtualThreadScheduler.parallelism=1" -DreferenceMode=reliable}. They come
 * after {@code -DserviceJvmOptions}, so they win where both set the same option.
 *
 * @param name       the named mode
 * @param jvmOptions the services' extra JVM options of this mode
 */
record PlatformMode(String name, List<String> jvmOptions) {

    static PlatformMode parse(String mode) {
        List<String> words = LoadSettings.words(mode);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("An empty platform mode");
        }
        List<String> jvmOptions = words.subList(1, words.size());
        for (String option : jvmOptions) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("Mode '" + mode + "': after the mode's name only JVM options (-...) "
                        + "may follow, not '" + option + "'");
            }
        }
        return new PlatformMode(words.getFirst(), List.copyOf(jvmOptions));
    }

    /** The mode as a word for names of users, goods and directories: its JVM options reduced to letters and digits. */
    String slug() {
        StringBuilder slug = new StringBuilder(name);
        jvmOptions.forEach(option -> slug.append('-').append(option.replaceAll("[^A-Za-z0-9]+", "")));
        return slug.toString();
    }
}
