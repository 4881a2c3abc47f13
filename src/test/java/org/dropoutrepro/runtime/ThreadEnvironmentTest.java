package org.dropoutrepro.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadEnvironmentTest {

    @Test
    void describesTheVariablesThatAreSetInOrderAndNothingElse() {
        Map<String, String> environment = Map.of("OPENBLAS_THREAD_TIMEOUT", "4", "OMP_WAIT_POLICY", "PASSIVE", "HOME", "x");
        assertEquals("OMP_WAIT_POLICY=PASSIVE, OPENBLAS_THREAD_TIMEOUT=4", ThreadEnvironment.describe(environment));
        assertTrue(ThreadEnvironment.anySet(environment));
        assertEquals("library defaults", ThreadEnvironment.describe(Map.of("OMP_WAIT_POLICY", " ")));
        assertFalse(ThreadEnvironment.anySet(Map.of("HOME", "x")));
    }

    @Test
    void theTestJvmRunsWithTheLaunchersSettings() {
        // Surefire passes them as the launcher exports them (pom.xml), so that tests time what users run
        assertEquals("PASSIVE", System.getenv("OMP_WAIT_POLICY"));
        assertEquals("4", System.getenv("OPENBLAS_THREAD_TIMEOUT"));
    }
}
