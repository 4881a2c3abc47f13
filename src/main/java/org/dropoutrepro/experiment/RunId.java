package org.dropoutrepro.experiment;

import java.util.Locale;

/** Run identifiers: configuration index, a slug of its name, and the seed, e.g. {@code c1-dropout-s2}. */
public final class RunId {

    private RunId() {
    }

    public static String of(int configIndex, String configName, int seed) {
        String slug = configName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
        return "c" + configIndex + "-" + slug + "-s" + seed;
    }
}
