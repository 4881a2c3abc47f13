package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Arbiter's termination conditions as the search reads them: the trial count, and the wall-clock limit. */
class TerminationTest {

    @Test
    void stopsAtTheTrialCountCountingProposedCandidates() {
        Termination termination = new Termination(2, null);
        assertNull(termination.reached());
        termination.proposed();
        assertNull(termination.reached());
        termination.proposed();
        assertTrue(termination.reached().startsWith("MaxCandidatesCondition(2)"), termination.reached());
    }

    @Test
    void stopsAfterMaxMinutes() throws Exception {
        assertNull(new Termination(100, 10.0).reached(), "not before the limit (10 minutes)");
        Termination termination = new Termination(100, 0.0005);  // 30 ms
        Thread.sleep(300);
        assertTrue(termination.reached().startsWith("MaxTimeCondition"), termination.reached());
    }
}
