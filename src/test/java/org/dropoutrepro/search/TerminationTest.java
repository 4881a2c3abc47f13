package org.dropoutrepro.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Arbiter's termination conditions as the search reads them: the trial count, and the wall-clock limit across invocations. */
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
    void aResumedSearchHasTheLimitLessTheTimeItsTrialsTook() {
        assertNull(new Termination(100, 1.0, 50, 0, null).reached(), "50 of 60 seconds spent");
        Termination spent = new Termination(100, 1.0, 60, 0, null);
        assertTrue(spent.reached().contains("took the whole time limit of 1 minutes"), "the whole minute was spent before this invocation");
        assertEquals(new SearchLog.TimeLimitStop(1.0, 0), spent.stoppedByTime());
    }

    @Test
    void theTrialsRecordedBeforeAreProposedAgainWhateverTheClockSays() {
        Termination termination = new Termination(100, 1.0, 60, 2, null);
        assertNull(termination.reached());
        termination.proposed();
        assertNull(termination.reached(), "trial 2 is recorded (or trial 1 was in flight when the search was killed)");
        termination.proposed();
        assertTrue(termination.reached().contains("took the whole time limit"), "no trial past those recorded");
    }

    @Test
    void aSearchItsLimitStoppedProposesNoMoreUnlessTheLimitIsRaised() {
        SearchLog.TimeLimitStop stop = new SearchLog.TimeLimitStop(10.0, 2);
        Termination same = new Termination(100, 10.0, 0, 2, stop);
        same.proposed();
        same.proposed();
        assertTrue(same.reached().contains("the time limit of 10 minutes stopped this search after trial 2"), same.reached());
        assertEquals(stop, same.stoppedByTime());
        for (Double limit : new Double[] {20.0, null}) {
            Termination raised = new Termination(100, limit, 0, 2, stop);
            raised.proposed();
            raised.proposed();
            assertNull(raised.reached(), "a raised (or removed) limit goes on: " + limit);
            assertNull(raised.stoppedByTime());
        }
    }

    @Test
    void stopsAfterMaxMinutes() throws Exception {
        assertNull(new Termination(100, 10.0).reached(), "not before the limit (10 minutes)");
        Termination termination = new Termination(100, 0.0005);  // 30 ms
        Thread.sleep(300);
        assertTrue(termination.reached().startsWith("MaxTimeCondition"), termination.reached());
    }
}
