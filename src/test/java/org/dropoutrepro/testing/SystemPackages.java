package org.dropoutrepro.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a Debian package the toolkit cannot obtain by itself: on a developer's machine without it the
 * test is skipped, printing the exact install command; in CI ({@code CI=true}, set by {@code .ci/run}, which
 * installs every such package) a missing package fails the test, so CI always runs every test.
 */
public final class SystemPackages {

    private SystemPackages() {
    }

    /** Skips (or, in CI, fails) the calling test unless {@code present}. */
    public static void require(boolean present, String debianPackage, String neededFor) {
        if (present) return;
        String message = "Debian's " + debianPackage + " is not installed (needed for " + neededFor + "); install it with: "
                + "sudo apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI runs every test, and .ci/run installs what they need: " + message);
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
