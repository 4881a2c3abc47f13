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
 * {@link MaxTimeCondition} ({@code search.maxMinutes} of wall-clock time from the start of this command; a
 * resumed search gets the limit afresh). Arbiter's conditions read an {@link IOptimizationRunner}; this class is
 * the part of one they read. A candidate counts from the moment it is proposed (Arbiter counts it once it has
 * finished), so that trials in flight never overshoot the trial count.
 */
final class Termination implements IOptimizationRunner {

    private final List<TerminationCondition> conditions = new ArrayList<>();
    private int proposed;

    Termination(int trials, Double maxMinutes) {
        conditions.add(new MaxCandidatesCondition(trials));
        if (maxMinutes != null) conditions.add(new MaxTimeCondition(Math.max(1, Math.round(maxMinutes * 60_000)), TimeUnit.MILLISECONDS));
        for (TerminationCondition condition : conditions) condition.initialize(this);
    }

    void proposed() {
        proposed++;
    }

    /** Whether any condition says stop, and which. */
    String reached() {
        for (TerminationCondition condition : conditions) {
            if (condition.terminate(this)) return condition.toString();
        }
        return null;
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
