package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What median pruning saved and changed, measured against the same search run with {@code --no-pruning} into the
 * directory of the same name followed by {@link SearchReport#NO_PRUNING_SUFFIX}. That directory is compared only
 * when it holds the same search but for pruning (and {@code finalSeeds}, which no trial depends on): the same
 * profile, base configuration, data files and the other search settings, so, for a random or grid search, the same
 * candidates in the same order. Not for a genetic search: it proposes from the results reported to it, and a pruned
 * trial reports its error when stopped, so from some trial on the two train different candidates; the report says
 * from which (the first trial whose values differ) and compares two searches, not the same trials.
 *
 * <p>Search tooling (as Optuna's pruning benchmarks): no counterpart in the paper, which trained every configuration
 * to the end.
 */
final class PruningComparison {

    /** Search settings that may differ between the two directories. */
    static final Set<String> MAY_DIFFER = Set.of("pruning", "finalSeeds");

    private final Path other;
    private final List<TrialRecord> unpruned;
    private final String problem;
    private final boolean genetic;

    private PruningComparison(Path other, List<TrialRecord> unpruned, String problem, boolean genetic) {
        this.other = other;
        this.unpruned = unpruned;
        this.problem = problem;
        this.genetic = genetic;
    }

    /** The comparison for the search in {@code dir}: absent (null) when there is no search without pruning beside it. */
    static PruningComparison load(Path dir, SearchLog.Identity identity) {
        Path other = dir.resolveSibling(dir.getFileName() + SearchReport.NO_PRUNING_SUFFIX);
        if (!SearchReport.isSearch(other)) return null;
        try {
            SearchLog.Identity otherIdentity = SearchLog.readIdentity(other);
            List<String> differences = identity.differences(otherIdentity, MAY_DIFFER);
            if (!differences.isEmpty()) {
                return new PruningComparison(other, List.of(), "holds a different search, not this one without pruning (it differs in "
                        + String.join("; ", differences) + "), so it is not compared", false);
            }
            List<TrialRecord> trials = new ArrayList<>(SearchLog.readTrials(other));
            trials.sort(Comparator.comparingInt(TrialRecord::trial));
            return new PruningComparison(other, trials, null, "genetic".equals(identity.search().get("method")));
        } catch (IOException | RuntimeException e) {
            return new PruningComparison(other, List.of(), "could not be read: " + e.getMessage(), false);
        }
    }

    /**
     * Whether {@code dir} is the search-without-pruning of a search beside it (its name is that search's plus
     * {@link SearchReport#NO_PRUNING_SUFFIX}, and that one compares with it): a reference for pruning's savings,
     * whose own findings are its search's.
     */
    static boolean isComparisonOf(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.endsWith(SearchReport.NO_PRUNING_SUFFIX)) return false;
        Path pruned = dir.resolveSibling(name.substring(0, name.length() - SearchReport.NO_PRUNING_SUFFIX.length()));
        try {
            SearchLog.Identity identity = SearchReport.isSearch(pruned) ? SearchLog.readIdentity(pruned) : null;
            PruningComparison comparison = identity == null ? null : load(pruned, identity);
            return comparison != null && comparison.measured();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the directory beside this one is this search without pruning, so that the comparison is measured. */
    boolean measured() {
        return problem == null;
    }

    /**
     * Whether the search without pruning trained the same candidates, so that it shows what each pruned trial would have
     * reached: a random or grid search; a genetic one only while none of its trials differs.
     */
    boolean sameCandidates(List<TrialRecord> trials) {
        return measured() && (!genetic || firstDifferentCandidate(trials) == null);
    }

    /** The lowest trial number whose candidate (Arbiter's flat parameters) differs between the two searches; null if none does. */
    private Integer firstDifferentCandidate(List<TrialRecord> trials) {
        java.util.Map<Integer, double[]> genes = new java.util.HashMap<>();
        for (TrialRecord t : unpruned) genes.put(t.trial(), t.genes());
        return trials.stream().filter(t -> genes.containsKey(t.trial()) && !java.util.Arrays.equals(genes.get(t.trial()), t.genes()))
                .map(TrialRecord::trial).min(Integer::compare).orElse(null);
    }

    /** Whether trial {@code trial} is the same candidate in both searches. */
    private boolean sameCandidate(List<TrialRecord> trials, int trial) {
        Integer firstDifferent = genetic ? firstDifferentCandidate(trials) : null;
        return firstDifferent == null || trial < firstDifferent;
    }

    /**
     * The comparison's table and findings: epochs and time, the best trial with and without pruning, and the trials
     * pruning stopped that, trained to the end without it, ended within noise of the best ({@code near}'s noise model;
     * null: not judged), which the Appendix A sets of this search leave out.
     */
    void append(StringBuilder md, List<TrialRecord> trials, TrialRecord best, NearBest.Result near) {
        if (problem != null) {
            md.append("The directory `").append(other).append("` ").append(problem).append(".\n\n");
            return;
        }
        TrialRecord unprunedBest = SearchRunner.best(unpruned);
        int trained = trials.stream().mapToInt(t -> t.epochs().size()).sum();
        int trainedUnpruned = unpruned.stream().mapToInt(t -> t.epochs().size()).sum();
        double seconds = trials.stream().mapToDouble(TrialRecord::seconds).sum();
        double secondsUnpruned = unpruned.stream().mapToDouble(TrialRecord::seconds).sum();
        md.append("Measured against the same search without pruning (`").append(other).append("`, ").append(unpruned.size())
                .append(" trials; its identity matches this one's but for pruning").append(genetic ? geneticCaveat(trials)
                        : ", so the same candidates):\n\n")
                .append("| | epochs trained | training time (trial-seconds) | best trial | its validation error |\n"
                        + "| --- | --- | --- | --- | --- |\n");
        md.append(String.format(Locale.ROOT, "| with pruning | %d | %.0f | %s | %s |%n", trained, seconds,
                best == null ? "-" : best.trial(), best == null ? "-" : SearchReport.fmt(best.validationError())));
        md.append(String.format(Locale.ROOT, "| without pruning | %d | %.0f | %s | %s |%n%n", trainedUnpruned, secondsUnpruned,
                unprunedBest == null ? "-" : unprunedBest.trial(), unprunedBest == null ? "-" : SearchReport.fmt(unprunedBest.validationError())));
        boolean same = best != null && unprunedBest != null && best.trial() == unprunedBest.trial() && sameCandidate(trials, best.trial());
        boolean prunedHere = unprunedBest != null && sameCandidate(trials, unprunedBest.trial()) && trials.stream()
                .anyMatch(t -> t.trial() == unprunedBest.trial() && TrialRecord.PRUNED.equals(t.status()));
        md.append(same ? "The best trial is the same with and without pruning.\n\n"
                : "**The best trial changed:** without pruning, trial " + (unprunedBest == null ? "-" : unprunedBest.trial())
                + " is best" + (prunedHere ? " (pruning stopped it)" : "")
                + (unprunedBest != null && !sameCandidate(trials, unprunedBest.trial()) ? " (a candidate this search did not propose)" : "")
                + ".\n\n");
        if (near != null && best != null) {
            List<String> missed = unpruned.stream().filter(u -> u.completed() && u.validationError() != null && sameCandidate(trials, u.trial()))
                    .filter(u -> trials.stream().anyMatch(t -> t.trial() == u.trial() && TrialRecord.PRUNED.equals(t.status())))
                    .filter(u -> NearBest.within(best.validationError(), u.validationError(), near.validationExamples(), near.seedSd()))
                    .map(u -> "trial " + u.trial() + " (" + SearchReport.fmt(u.validationError()) + ")").toList();
            md.append(missed.isEmpty() ? "No trial that pruning stopped ended within noise of this search's best, or below it, when "
                    + "trained to the end.\n\n"
                    : "Pruning stopped " + missed.size() + (missed.size() == 1 ? " trial" : " trials") + " that ended within noise of this "
                    + "search's best, or below it, when trained to the end: " + String.join(", ", missed) + " (validation errors without pruning). The Appendix A "
                    + "sets and P of this search leave " + (missed.size() == 1 ? "it" : "them") + " out; the search without pruning "
                    + "counts " + (missed.size() == 1 ? "it" : "them") + ".\n\n");
        }
    }

    /** Why a genetic search without pruning is not the same candidates, and from which trial on they differ. */
    private String geneticCaveat(List<TrialRecord> trials) {
        Integer firstDifferent = firstDifferentCandidate(trials);
        return "; **not the same candidates**: a genetic search proposes each candidate from the results reported to it, and a pruned "
                + "trial reports its error when stopped, so the two searches propose different candidates once a pruned trial's result "
                + "reaches the generator" + (firstDifferent == null ? " (none of the trials both hold differs yet)"
                : " (here from trial " + firstDifferent + " on)") + ". The table compares two searches, not pruning's effect on the same "
                + "trials):\n\n";
    }
}
