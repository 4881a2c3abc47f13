package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

/**
 * When the search stops proposing candidates: Arbiter's {@link MaxCandidatesCondition} (the trial count) and
 * {@link MaxTimeCondition} ({@code search.maxMinutes} of wall-clock time). A wall-clock limit spans invocations: a
 * resumed search has the limit less the time its recorded trials took, and a search the limit stopped after trial N
 * proposes nothing past N again unless the limit was raised. Trials up to the highest one recorded are always
 * proposed (a recorded one is replayed, one in flight at a kill is trained again), whatever the clock says. Arbiter's
 * conditions read an {@link IOptimizationRunner}; this class is the part of one they read. A candidate counts from the
 * moment it is proposed (Arbiter counts it once it has finished), so that trials in flight never overshoot the trial count.
 *
 * <p>Search tooling (Arbiter's termination conditions): no counterpart in the paper.
 */
final class Termination implements IOptimizationRunner {

    private final List<TerminationCondition> conditions = new ArrayList<>();
    private final MaxTimeCondition timeLimit;
    private final SearchLog.TimeLimitStop earlierStop;
    private final int recordedUpTo;
    private final Double maxMinutes;
    /** Whether the trials recorded before this invocation took the whole limit. */
    private final boolean spentBefore;
    private int proposed;
    private SearchLog.TimeLimitStop stoppedByTime;

    /** {@code trials} candidates, within {@code maxMinutes} (null: no limit) of wall-clock time from now. */
    Termination(int trials, Double maxMinutes) {
        this(trials, maxMinutes, 0, 0, null);
    }

    /**
     * As {@link #Termination(int, Double)} for a search that already spent {@code secondsSpent} of its limit, has trials
     * recorded up to number {@code recordedUpTo}, and was stopped by its limit as {@code earlierStop} says (or null).
     */
    Termination(int trials, Double maxMinutes, double secondsSpent, int recordedUpTo, SearchLog.TimeLimitStop earlierStop) {
        conditions.add(new MaxCandidatesCondition(trials));
        this.earlierStop = earlierStop != null && earlierStop.holdsUnder(maxMinutes) ? earlierStop : null;
        this.recordedUpTo = recordedUpTo;
        this.maxMinutes = maxMinutes;
        long remainingMillis = maxMinutes == null ? 0 : Math.round(maxMinutes * 60_000 - secondsSpent * 1000);
        this.spentBefore = maxMinutes != null && remainingMillis <= 0;
        this.timeLimit = maxMinutes == null || this.earlierStop != null ? null
                : new MaxTimeCondition(Math.max(1, remainingMillis), TimeUnit.MILLISECONDS);
        if (timeLimit != null) conditions.add(timeLimit);
        for (TerminationCondition condition : conditions) condition.initialize(this);
    }

    void proposed() {
        proposed++;
    }

    /** Whether any condition says stop, and which. */
    String reached() {
        stoppedByTime = null;
        for (TerminationCondition condition : conditions) {
            if (condition == timeLimit && proposed < recordedUpTo) continue; // recorded, or in flight at a kill: proposed again
            boolean spent = condition == timeLimit && spentBefore;
            if (spent || condition.terminate(this)) {
                if (condition == timeLimit) stoppedByTime = new SearchLog.TimeLimitStop(maxMinutes, proposed);
                return spent ? "the trials recorded before took the whole time limit of " + SearchSpecParser.fmt(maxMinutes) + " minutes"
                        : condition.toString();
            }
        }
        if (earlierStop != null && proposed >= earlierStop.afterTrial()) {
            stoppedByTime = earlierStop;
            return "the time limit of " + SearchSpecParser.fmt(earlierStop.maxMinutes()) + " minutes stopped this search after trial "
                    + earlierStop.afterTrial() + " before (raise search.maxMinutes to train more)";
        }
        return null;
    }

    /** Where the wall-clock limit stopped the search, if that is what the last {@link #reached} said (null otherwise). */
    SearchLog.TimeLimitStop stoppedByTime() {
        return stoppedByTime;
    }

    @Override
    public int numCandidatesCompleted() {
        return proposed;
    }

    @Override
    public int numCandidatesFailed() {
        return 0;
    }

    @Override
    public int numCandidatesTotal() {
        return proposed;
    }

    @Override
    public int numCandidatesQueued() {
        return 0;
    }

    @Override
    public void execute() {
        throw new UnsupportedOperationException("the search runner executes trials");
    }

    @Override
    public Double bestScore() {
        return null;
    }

    @Override
    public Long bestScoreTime() {
        return null;
    }

    @Override
    public int bestScoreCandidateIndex() {
        return -1;
    }

    @Override
    public List<ResultReference> getResults() {
        return List.of();
    }

    @Override
    public OptimizationConfiguration getConfiguration() {
        return null;
    }

    @Override
    public void addListeners(StatusListener... listeners) {
    }

    @Override
    public void removeListeners(StatusListener... listeners) {
    }

    @Override
    public void removeAllListeners() {
    }

    @Override
    public List<CandidateInfo> getCandidateStatus() {
        return List.of();
    }

    @Override
    public void shutdown(boolean awaitTermination) {
    }
}
