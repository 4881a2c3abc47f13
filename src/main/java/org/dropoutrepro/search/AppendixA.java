package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;

/**
 * The search report's "Appendix A, point by point": where the best trial's values fall against the paper's practical
 * guide (A.2 momentum, A.3 max-norm c, A.4 retain probabilities), where the trials that noise cannot tell from the best
 * lie ({@link NearBest}), A.2's learning-rate ratio with a companion search without dropout ({@link LearningRateRatio}),
 * and the caveats that bound what one search can say about them: the epochs per trial, where pruning started, how
 * the trials inside each guide range ended, and whether the width followed A.1's n/p widening. A point is read from P,
 * the probability that the trial best in truth lies inside the range ({@link BestProbability}): inside at P >= 0.95,
 * outside at P <= 0.05, unresolved between.
 *
 * <p>The guide's ranges are advice for dropout nets. A best trial that trains without dropout (the companion
 * search of a standard net) gets no verdict: its rows are shown for reference, momentum beside A.2's "usual 0.9".
 */
final class AppendixA {

    /** One range of the practical guide, for one spec key, with the claim as the scoreboard states it. */
    record Guide(String key, double low, double high, String text, String claim) {
        boolean contains(Object value) {
            return value instanceof Number number && number.doubleValue() >= low && number.doubleValue() <= high;
        }

        String range() {
            return SearchSpecParser.fmt(low) + "-" + SearchSpecParser.fmt(high);
        }
    }

    static final List<Guide> GUIDES = List.of(
            new Guide("dropout.hiddenRetain", 0.5, 0.8, "A.4: hidden retain 0.5-0.8",
                    "A good hidden retain probability lies in 0.5-0.8 (A.4)"),
            new Guide("dropout.inputRetain", 0.7, 0.9, "A.4: input retain about 0.8 (taken as 0.7-0.9)",
                    "A good input retain probability is about 0.8 (A.4; taken as 0.7-0.9)"),
            new Guide("regularization.maxNorm", 3, 4, "A.3: max-norm c typically 3-4", "A good max-norm c is typically 3-4 (A.3)"),
            new Guide("optimizer.momentumFinal", 0.95, 0.99, "A.2: momentum 0.95-0.99",
                    "A dropout net's final momentum is best at 0.95-0.99 (A.2)"));

    /** A.2's ratio as the scoreboard states it. */
    static final String RATIO_CLAIM = "A dropout net wants a learning rate 10-100x the standard net's (A.2)";

    private AppendixA() {
    }

    /**
     * Appends the section to {@code md}, or nothing when no trial completed or nothing searched bears on Appendix A;
     * {@code near} is {@link #near} of the same search.
     */
    static void append(StringBuilder md, SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials, TrialRecord best,
                       List<FinalSeedRecord> finals, NearBest.Result near, Map<String, Map<String, Object>> space) {
        if (best == null) return;
        boolean dropout = withDropout(base.withOverrides(best.values(), "best trial " + best.trial()));
        List<TrialRecord> top = near.trials();
        String marked = SearchReport.progressNote(identity, trials, best, finals) != null ? "provisional: " : "";
        List<String> rows = new ArrayList<>();
        for (Guide guide : GUIDES) {
            if (!space.containsKey(guide.key())) continue;
            Object value = best.values().get(guide.key());
            String shown = "`" + guide.key() + "` = " + (value == null ? "none" : SearchReport.value(value));
            if (!dropout) {
                rows.add("| " + referenceText(guide) + " | " + shown + " | no verdict (no dropout) | " + spread(guide, top, false) + " |");
            } else {
                rows.add("| " + guide.text() + " | " + shown + " | " + marked + (value == null ? "does not apply (" + absent(guide) + ")"
                        : cell(guide, value, near)) + " | " + spread(guide, top, true) + " |");
            }
        }
        LearningRateRatio.Verdict ratio = dropout ? LearningRateRatio.of(identity, base, trials, best, near) : null;
        if (ratio != null) rows.add(ratio.row(marked));
        if (rows.isEmpty()) return;
        md.append("## Appendix A, point by point\n");
        md.append(dropout ? "Where the best trial's values fall against the paper's practical guide. One search, one best trial: a point "
                + "estimate without an interval; the last column shows where the completed trials that noise cannot tell from the best "
                + "lie, and the slices below how flat the objective is around it. The verdict reads P, the probability that the trial "
                + "best in truth lies inside the range: inside at P >= " + DECIDED + ", outside at P <= " + String.format(Locale.ROOT,
                "%.2f", 1 - DECIDED) + ", **unresolved** between.\n\n"
                : "The best trial trains **without dropout** (a standard net): Appendix A's ranges are advice for dropout nets, so "
                + "no row gets a verdict; they are shown for reference.\n\n");
        md.append("| Appendix A says | best trial | | " + nearHeading(top.size()) + " |\n| --- | --- | --- | --- |\n");
        rows.forEach(row -> md.append(row).append('\n'));
        md.append('\n').append(near.how()).append(" The trials within noise: ").append(listed(top)).append(".\n\n");
        if (ratio != null) ratio.notes().forEach(note -> md.append(note).append("\n\n"));
        appendCaveats(md, base, trials, space, dropout, identity);
    }

    /**
     * The scoreboard's rows for this search: one per guide range it searched and A.2's ratio when it names a companion;
     * none when its best trial trains without dropout (the guide is advice for dropout nets) or none completed.
     */
    static List<org.dropoutrepro.report.Scoreboard.Claim> claims(SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials,
                                                                 TrialRecord best, List<FinalSeedRecord> finals,
                                                                 Map<String, Map<String, Object>> space) {
        if (best == null || !withDropout(base.withOverrides(best.values(), "best trial " + best.trial()))) return List.of();
        NearBest.Result near = near(identity, base, trials, best, finals);
        List<TrialRecord> top = near.trials();
        int planned = identity.plannedTrials();
        String scale = base.data().dataset() + ", " + String.valueOf(base.values().get("architecture.hiddenWidths")).replace(" ", "")
                + ", " + base.training().epochs() + " epochs, " + (trials.size() < planned && !identity.stoppedByTimeLimit()
                ? trials.size() + " of " + planned : String.valueOf(trials.size())) + " trials";
        int trainExamples = base.values().get("data.trainSize") instanceof Number n ? n.intValue() : 0;
        List<org.dropoutrepro.report.Scoreboard.Claim> out = new ArrayList<>();
        for (Guide guide : GUIDES) {
            if (!space.containsKey(guide.key())) continue;
            Object value = best.values().get(guide.key());
            String verdict = value == null ? "**does not apply**: the best trial has " + absent(guide) : boardVerdict(guide, value, near);
            out.add(new org.dropoutrepro.report.Scoreboard.Claim("Appendix A", guide.claim(), trainExamples, guide.range(),
                    "best trial " + (value == null ? absent(guide) : SearchReport.value(value)) + "; " + top.size()
                            + (top.size() == 1 ? " trial" : " trials") + " within noise of the best: " + spread(guide, top, true), scale, verdict));
        }
        LearningRateRatio.Verdict ratio = LearningRateRatio.of(identity, base, trials, best, near);
        if (ratio != null) {
            String probability = String.format(Locale.ROOT, "P = %.2f that the ratio of the truly best trials is in 10-100x; pairs within "
                    + "noise of the two bests span %s", ratio.inside(), ratio.nearRange());
            String verdict = ratio.why() != null ? "**not decided**: " + ratio.why()
                    : "unresolved".equals(ratio.verdict()) ? "**unresolved**: " + probability
                    : "**" + ratio.verdict() + "** (" + probability + "; not a test)";
            out.add(new org.dropoutrepro.report.Scoreboard.Claim("Appendix A", RATIO_CLAIM, trainExamples, "10-100x", ratio.ours(), scale,
                    verdict));
        }
        return out;
    }

    /**
     * The probability at or above which a point is read as inside the guide's range (and at or below one minus it, outside):
     * the chance that the trial best in truth lies there, from {@link NearBest.Result#probability}.
     */
    static final double DECIDED = 0.95;

    /** "inside", "outside" or "unresolved" for a probability {@code inside} that the best in truth lies inside. */
    static String reading(double inside) {
        return inside >= DECIDED ? "inside" : inside <= 1 - DECIDED ? "outside" : "unresolved";
    }

    /** The probability that the trial best in truth has a value of {@code guide}'s key inside its range (no value: not inside). */
    private static double insideProbability(Guide guide, NearBest.Result near) {
        return near.probability(t -> guide.contains(t.values().get(guide.key())));
    }

    /** "P inside = 0.97", and whether the best trial itself lies on the other side of the reading. */
    private static String probabilityText(Guide guide, Object value, double inside) {
        String reading = reading(inside);
        String side = guide.contains(value) ? "inside" : "outside";
        return String.format(Locale.ROOT, "P inside = %.2f", inside)
                + (!reading.equals("unresolved") && !reading.equals(side) ? "; the best trial itself " + side : "");
    }

    /** The report table's verdict cell: the reading of the probability that the best in truth lies inside. */
    private static String cell(Guide guide, Object value, NearBest.Result near) {
        double inside = insideProbability(guide, near);
        String reading = reading(inside);
        return (reading.equals("unresolved") ? "**unresolved**" : reading) + " (" + probabilityText(guide, value, inside) + ")";
    }

    /** The scoreboard's verdict: as {@link #cell}, saying what it rests on. */
    private static String boardVerdict(Guide guide, Object value, NearBest.Result near) {
        double inside = insideProbability(guide, near);
        String reading = reading(inside);
        String probability = String.format(Locale.ROOT, "P = %.2f that the truly best trial is inside", inside);
        if (reading.equals("unresolved")) return "**unresolved**: " + probability;
        return "**" + reading + "** (" + probability + (probabilityText(guide, value, inside).contains(";") ? ", though the best trial "
                + "itself is " + (guide.contains(value) ? "inside" : "outside") : "") + "; one search, not a test)";
    }

    /** The learned completed trials that noise cannot tell from {@code best}: how flat the objective is near it. */
    static NearBest.Result near(SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials, TrialRecord best,
                                List<FinalSeedRecord> finals) {
        return NearBest.of(trials, best, identity.classes(), base.data().validationSize(), finals);
    }

    /** The table's last heading, for {@code count} trials within noise of the best (the best among them). */
    private static String nearHeading(int count) {
        return count == 1 ? "within noise of the best: only the best" : "the " + count + " completed trials within noise of the best";
    }

    /** "trial 8 (10.25%), trial 6 (10.92%)": the trials with their validation errors. */
    private static String listed(List<TrialRecord> trials) {
        return trials.stream().map(t -> "trial " + t.trial() + " (" + SearchReport.fmt(t.validationError()) + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The values of {@code guide}'s key over {@code top}: their range, and how many lie inside the guide's; trials without
     * a value (no max-norm) are counted apart, since the guide's range says nothing about them.
     */
    private static String spread(Guide guide, List<TrialRecord> top, boolean counted) {
        List<Double> values = top.stream().map(t -> t.values().get(guide.key())).filter(v -> v instanceof Number)
                .map(v -> ((Number) v).doubleValue()).sorted().toList();
        long none = top.stream().filter(t -> !(t.values().get(guide.key()) instanceof Number)).count();
        if (values.isEmpty()) return none > 0 ? "all " + none + " have " + absent(guide) : "";
        String range = values.size() == 1 ? SearchReport.value(values.get(0))
                : SearchReport.value(values.get(0)) + " to " + SearchReport.value(values.get(values.size() - 1));
        long inside = values.stream().filter(guide::contains).count();
        String shown = counted ? range + " (" + inside + " of " + values.size() + " inside)" : range;
        return none == 0 ? shown : values.size() + " with a value: " + shown + "; " + none + " with " + absent(guide);
    }

    /** What a trial without a value of {@code guide}'s key has: "no max-norm" (the only key that can be absent). */
    private static String absent(Guide guide) {
        return guide.key().equals("regularization.maxNorm") ? "no max-norm" : "no value";
    }

    /** Whether a configuration drops units at all: a dropout kind other than none and a retain probability below 1. */
    static boolean withDropout(RunConfig config) {
        Sections.Dropout dropout = config.dropout();
        return dropout.kind() != Sections.DropoutKind.NONE && (dropout.inputRetain() < 1 || dropout.hiddenRetain() < 1);
    }

    /** A guide row for a net without dropout: the range is the dropout net's, shown for reference. */
    private static String referenceText(Guide guide) {
        if (guide.key().equals("optimizer.momentumFinal")) {
            return "standard net: A.2 calls 0.9 the usual momentum for standard nets (its 0.95-0.99 is for dropout nets); shown for "
                    + "reference";
        }
        return guide.text() + ", advice for dropout nets; shown for reference";
    }

    @SuppressWarnings("unchecked")
    private static void appendCaveats(StringBuilder md, RunConfig base, List<TrialRecord> trials, Map<String, Map<String, Object>> space,
                                      boolean dropout, SearchLog.Identity identity) {
        Map<String, Object> search = identity.search();
        md.append("What this search can and cannot say about Appendix A:\n\n");
        md.append(space.containsKey("training.epochs") ? "- Epochs per trial are searched (`training.epochs`)."
                : "- Each trial trains " + base.training().epochs() + " epochs (`training.epochs`); the paper trained far longer "
                + "(about 1,700 epochs on MNIST, B.1)" + (dropout ? ", and dropout nets take 2-3 times longer to train than standard ones (Section 11), so "
                + "short trials favour weak dropout and the rates that learn fastest." : ".")).append('\n');
        Map<String, Object> pruning = (Map<String, Object>) search.get("pruning");
        boolean median = "median".equals(pruning.get("method"));
        int startEpoch = median ? ((Number) pruning.get("startEpoch")).intValue() : 0;
        boolean pruningCouldStop = median && !space.containsKey("training.epochs") && startEpoch < base.training().epochs();
        md.append(pruningCouldStop
                ? "- Median pruning started at epoch " + startEpoch + " (`search.pruning.startEpoch`): a configuration "
                + "that starts slowly (" + (dropout ? "a small retain probability, " : "") + "a small learning rate) may have been "
                + "stopped before it caught up."
                : median && !space.containsKey("training.epochs")
                ? "- Median pruning was set to start at epoch " + startEpoch + ", not before the trials' last epoch ("
                + base.training().epochs() + "): it stopped no trial."
                : median ? "- Median pruning started at epoch " + startEpoch + " (`search.pruning.startEpoch`) in the trials long enough "
                + "to reach it; a slow starter may have been stopped before it caught up."
                : "- No pruning: every trial that did not fail trained to its last epoch.").append('\n');
        for (Guide guide : GUIDES) {
            if (!space.containsKey(guide.key())) continue;
            Map<String, Long> statuses = trials.stream().filter(t -> guide.contains(t.values().get(guide.key())))
                    .collect(Collectors.groupingBy(t -> SearchReport.notLearned(t, identity.classes()) ? "completed but did not learn"
                            : t.status(), LinkedHashMap::new, Collectors.counting()));
            md.append("- Trials with `").append(guide.key()).append("` in ").append(dropout ? "" : "the dropout nets' range ")
                    .append(guide.range()).append(": ")
                    .append(statuses.isEmpty() ? "none" : statuses.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")))
                    .append('.').append('\n');
        }
        if (dropout) md.append(widthCaveat(base, space)).append('\n');
        if (median) {
            md.append("- The trials within noise of the best are completed ones: a pruned trial stopped before its last epoch is in no such "
                    + "set, though it might have ended within noise (a search run with `--no-pruning` trains every trial to the end).\n");
        }
        md.append('\n');
    }

    /** A.1: whether the width followed the retain probability (n/p widening) or was fixed. */
    private static String widthCaveat(RunConfig base, Map<String, Map<String, Object>> space) {
        if (space.containsKey("architecture.hiddenWidths") || space.containsKey("architecture.widenByRetain")) {
            return "- The width is searched (`architecture.hiddenWidths` or `architecture.widenByRetain`).";
        }
        String widths = String.valueOf(base.values().get("architecture.hiddenWidths"));
        if (Boolean.TRUE.equals(base.values().get("architecture.widenByRetain"))) {
            return "- Hidden widths grow with the sampled hidden retain p as n/p from " + widths + " (A.1's n/p widening, "
                    + "`architecture.widenByRetain: true`).";
        }
        return String.format(Locale.ROOT, "- The width is fixed at %s: A.1's n/p widening (`architecture.widenByRetain`) is not "
                + "searched, so a small hidden retain is judged at the same width as a large one, not at A.1's n/p units.", widths);
    }
}
