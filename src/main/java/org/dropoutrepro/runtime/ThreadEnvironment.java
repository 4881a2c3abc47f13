package org.dropoutrepro.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment variables that decide what idle native threads do. libnd4j's OpenMP threads and OpenBLAS's
 * threads both spin for a while after each operation by default; with a thread per core in each pool, the
 * spinning pool takes the cores from the working one. The launcher sets {@code OMP_WAIT_POLICY=PASSIVE} and
 * {@code OPENBLAS_THREAD_TIMEOUT=4} (the shortest spin) unless they are set, so that idle threads sleep at
 * once. They are read when the native libraries load, so they can only be set before the JVM starts.
 */
public final class ThreadEnvironment {

    /** The variables, in the order they are reported. */
    public static final List<String> VARIABLES = List.of("OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT");

    private ThreadEnvironment() {
    }

    /** E.g. "OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4", or "library defaults" when none is set. */
    public static String describe(Map<String, String> environment) {
        List<String> set = new ArrayList<>();
        for (String variable : VARIABLES) {
            if (isSet(environment, variable)) set.add(variable + "=" + environment.get(variable));
        }
        return set.isEmpty() ? "library defaults" : String.join(", ", set);
    }

    /** Whether any of the variables is set in {@code environment}. */
    public static boolean anySet(Map<String, String> environment) {
        return VARIABLES.stream().anyMatch(variable -> isSet(environment, variable));
    }

    private static boolean isSet(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }
}
