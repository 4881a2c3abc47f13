package org.dropoutrepro.results;

import java.nio.file.Path;
import org.dropoutrepro.spec.ExperimentSpec;

/**
 * Where experiment directories live. A user's run writes to {@code runs/<name>[-<profile>]/} (not under
 * version control), so that the committed results under {@code reports/<name>[-<profile>]/} are never
 * taken for resume state; they are the reference a user's run is compared with, and are regenerated
 * explicitly with {@code --out reports/<name>}.
 */
public final class ExperimentDirs {

    /** Parent of users' experiment directories. */
    public static final Path RUNS = Path.of("runs");
    /** Parent of the committed reference reports; the system property {@code dropoutrepro.reports} moves it (tests). */
    private static final String REPORTS_PROPERTY = "dropoutrepro.reports";

    private ExperimentDirs() {
    }

    /** {@code name}, or {@code name-profile} for a profile other than the default. */
    public static String dirName(String name, String profile) {
        return ExperimentSpec.DEFAULT_PROFILE.equals(profile) ? name : name + "-" + profile;
    }

    /** Where {@code ./dropout run} writes when {@code --out} is not given. */
    public static Path defaultDir(String name, String profile) {
        return RUNS.resolve(dirName(name, profile));
    }

    /** Where the committed reference of this experiment is, whether or not it exists. */
    public static Path referenceDir(String name, String profile) {
        return Path.of(System.getProperty(REPORTS_PROPERTY, "reports")).resolve(dirName(name, profile));
    }

    /** The {@code --out} option that writes to {@code dir} again: empty when {@code dir} is the default. */
    public static String outOption(Path dir, String name, String profile) {
        Path normalized = dir.toAbsolutePath().normalize();
        if (normalized.equals(defaultDir(name, profile).toAbsolutePath().normalize())) return "";
        return " --out " + dir.toString().replace('\\', '/');
    }
}
