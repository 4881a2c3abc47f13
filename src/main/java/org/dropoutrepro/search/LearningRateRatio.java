package org.dropoutrepro.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.dropoutrepro.dropout.Scaling;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;

/**
 * Appendix A.2's learning-rate advice checked by two searches: "use 10-100 times the learning rate that was optimal
 * for the standard net". The denominator comes from a companion search of the same net without dropout, named by
 * {@code search.baseline} (a directory relative to the working directory, as spec files, {@code --out} and
 * {@code reports/} are).
 *
 * <p>The verdict reads P, the probability that the ratio of the two trials best in truth lies in 10-100x ({@link NearBest},
 * {@link BestProbability}): inside at P >= 0.95, outside at P <= 0.05, unresolved between; the best against the best is
 * shown as the point estimate, and the range over the pairs of trials within noise of each best as the spread. It is
 * refused, with the reason, when the two searches are not comparable (profile, data files, data
 * split, hidden widths, epochs or batch size differ; or the companion uses dropout) or when the companion is
 * unfinished (fewer finished trials than planned, or its final seeds missing).
 *
 * <p>Momentum convention: with {@code optimizer.dampening: true} (classical momentum) the velocity is
 * v = m v + (1 - m) lr g, so the steady-state step is lr g. The authors' code (deepnet) has no dampening,
 * v = m v + eps g, whose steady-state step is eps g / (1 - m). A rate lr here is therefore the paper's
 * eps = lr (1 - m), m the final momentum, and the 10-100x verdict uses the ratio of these paper-equivalent rates;
 * the ratio of the rates as trained is shown beside it.
 */
final class LearningRateRatio {

    static final String RATE = "optimizer.learningRate";
    static final double LOW = 10;
    static final double HIGH = 100;
    /** Base keys besides the data ({@code data.*}) on which the two searches must agree. */
    static final List<String> SAME_KEYS = List.of("architecture.hiddenWidths", "training.epochs", "training.batchSize");

    /**
     * The ratio as shown ("66.7x (best vs best: ...)", or why there is none), the verdict ("inside", "outside" or "no
     * verdict"), why there is none (or null), and the notes printed below the table.
     */
    record Verdict(String ours, String verdict, String why, List<String> notes, String nearRange, double inside) {

        /**
         * The report table's row: the ratio best against best, the verdict with its P after {@code mark} ("provisional: "
         * for a search in progress, else empty), and the range over the pairs within noise.
         */
        String row(String mark) {
            String shownVerdict = mark + ("unresolved".equals(verdict) ? "**unresolved**" : verdict)
                    + (Double.isNaN(inside) || why != null ? "" : String.format(Locale.ROOT, " (P inside = %.2f)", inside));
            return ROW + ours + " | " + shownVerdict + " | "
                    + (nearRange == null ? "" : nearRange + " (pairs within noise of the two bests, paper-equivalent)") + " |";
        }
    }

    /** One completed trial's learning rate as trained and in the paper's (undamped) convention. */
    record Rate(int trial, double asTrained, double paperEquivalent, double momentum) {
    }

    private static final String ROW = "| A.2: with dropout, a learning rate 10-100x the standard net's (in the paper's undamped convention) | ";

    private LearningRateRatio() {
    }

    /** The A.2 row and notes for this search, or null when it names no companion or does not search the learning rate. */
    static Verdict of(SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials, TrialRecord best, NearBest.Result ourNoise) {
        if (identity.baseline() == null || best == null || !best.values().containsKey(RATE)) return null;
        String shown = "`" + identity.baseline() + "`";
        Path dir = Path.of(identity.baseline()); // relative to the working directory, or absolute as given
        if (!Files.isDirectory(dir)) {
            return unavailable("not found: " + shown, "The companion search " + shown + " (`search.baseline`, read relative to the "
                    + "working directory, as spec files and `--out` are) was not found: run it first, or render this report from the "
                    + "directory the path is relative to.");
        }
        try {
            SearchLog.Identity companion = SearchLog.readIdentity(dir);
            if (companion == null) return unavailable("not a search: " + shown, shown + " has no " + SearchLog.IDENTITY + ".");
            return compare(identity, base, trials, best, ourNoise, dir, shown, companion);
        } catch (IOException | RuntimeException e) {
            return unavailable("unreadable: " + shown, "The companion search " + shown + " could not be read: " + e.getMessage());
        }
    }

    private static Verdict unavailable(String cell, String note) {
        return new Verdict(cell, "no verdict", cell, List.of(note), null, Double.NaN);
    }

    private static Verdict compare(SearchLog.Identity identity, RunConfig base, List<TrialRecord> trials, TrialRecord best,
                                   NearBest.Result ourNoise, Path dir, String shown, SearchLog.Identity companion) throws IOException {
        RunConfig companionBase = RunConfig.defaults().withOverrides(companion.base(), shown);
        List<TrialRecord> companionTrials = SearchLog.readTrials(dir);
        TrialRecord companionBest = SearchRunner.best(companionTrials);
        List<String> notes = new ArrayList<>();
        int planned = companion.plannedTrials();
        if (companionBest == null || !companionBest.values().containsKey(RATE)) {
            String why = companionBest == null ? "has no completed trial yet" : "does not search `" + RATE + "`";
            return new Verdict("companion " + shown + " " + why, "no verdict", "the companion " + why,
                    List.of("Companion " + shown + ": " + companionTrials.size() + " of " + planned + " trials finished; it " + why + "."), null,
                    Double.NaN);
        }
        List<String> refusals = new ArrayList<>(differences(identity, companion));
        if (AppendixA.withDropout(companionBase.withOverrides(companionBest.values(), "companion best"))) {
            refusals.add("the companion's best trial uses dropout; A.2 compares with a standard net");
        }
        if (companionTrials.size() < planned && !companion.stoppedByTimeLimit()) {
            refusals.add("the companion is unfinished: " + companionTrials.size() + " of " + planned + " trials");
        }
        int finalSeeds = ((Number) companion.search().getOrDefault("finalSeeds", 0)).intValue();
        List<FinalSeedRecord> companionFinals = SearchLog.finalsOf(dir, companionBest.trial());
        long recorded = companionFinals.stream().filter(f -> !f.failed()).count(); // as its progress note
        if (recorded < finalSeeds) refusals.add("the companion's final seeds are missing: " + recorded + " of " + finalSeeds + " recorded");

        Rate bestRate = rate(base, best);
        Rate companionRate = rate(companionBase, companionBest);
        double ratio = bestRate.paperEquivalent() / companionRate.paperEquivalent();
        double asTrained = bestRate.asTrained() / companionRate.asTrained();
        NearBest.Result theirNoise = AppendixA.near(companion, companionBase, companionTrials, companionBest, companionFinals);
        List<Rate> ours = rates(base, ourNoise.trials());
        List<Rate> theirs = rates(companionBase, theirNoise.trials());
        double[] spread = range(ours, theirs, Rate::paperEquivalent);
        double inside = insideProbability(base, ourNoise, companionBase, theirNoise);
        String verdict = !refusals.isEmpty() ? "no verdict" : AppendixA.reading(inside);
        String shownRatio = String.format(Locale.ROOT, "%sx (best vs best: %s / %s; as trained %s / %s = %sx)", times(ratio),
                SearchReport.value(bestRate.paperEquivalent()), SearchReport.value(companionRate.paperEquivalent()),
                SearchReport.value(bestRate.asTrained()), SearchReport.value(companionRate.asTrained()), times(asTrained));
        notes.add("Companion " + shown + ": " + companionTrials.size() + " of " + planned + " trials finished, " + recorded + " of "
                + finalSeeds + " final seeds; its best is trial " + companionBest.trial() + " (validation error "
                + SearchReport.fmt(companionBest.validationError()) + ", learning rate " + SearchReport.value(companionRate.asTrained())
                + ", final momentum " + SearchReport.value(companionRate.momentum()) + ").");
        for (String warning : SearchReport.edgeWarnings(companionBest, SearchReport.space(companion))) {
            if (warning.contains("`" + RATE + "`")) notes.add("> **Companion's warning:** " + warning);
        }
        if (!refusals.isEmpty()) notes.add("**No verdict on A.2:** " + String.join("; ", refusals) + ".");
        notes.add(String.format(Locale.ROOT, "Over the completed trials within noise of each search's best, as in the table's last column "
                        + "(here: %s; companion: %s), the ratio ranges over %s (paper-equivalent) and %s (as trained).%s", listed(ours),
                listed(theirs), shown(spread), shown(range(ours, theirs, Rate::asTrained)), refusals.isEmpty() ? " " + reading(verdict, inside)
                        : ""));
        notes.add(convention(base.withOverrides(best.values(), "best"), companionBase.withOverrides(companionBest.values(), "companion best")));
        return new Verdict(shownRatio, verdict, refusals.isEmpty() ? null : String.join("; ", refusals), notes, shown(spread), inside);
    }

    /**
     * The probability that the ratio of the two searches' trials best in truth lies in 10-100x (paper-equivalent): the
     * sum over pairs of each side's probability of being the best ({@link NearBest.Result#probability}), the two searches
     * independent.
     */
    static double insideProbability(RunConfig base, NearBest.Result ours, RunConfig companionBase, NearBest.Result theirs) {
        double[] ourRates = paperEquivalent(base, ours.learned());
        double[] theirRates = paperEquivalent(companionBase, theirs.learned());
        double sum = 0;
        for (int i = 0; i < ourRates.length; i++) {
            for (int j = 0; j < theirRates.length; j++) {
                double ratio = ourRates[i] / theirRates[j];
                if (ratio >= LOW && ratio <= HIGH) sum += ours.bestProbability()[i] * theirs.bestProbability()[j];
            }
        }
        return sum;
    }

    /** Each trial's paper-equivalent learning rate, in order; NaN for a trial that does not search it (no ratio counts it). */
    private static double[] paperEquivalent(RunConfig base, List<TrialRecord> trials) {
        return trials.stream().mapToDouble(t -> t.values().containsKey(RATE) ? rate(base, t).paperEquivalent() : Double.NaN).toArray();
    }

    /** What the verdict rests on, as a sentence after the range. */
    private static String reading(String verdict, double inside) {
        return String.format(Locale.ROOT, "The probability that the ratio of the two trials best in truth lies in 10-100x is %.2f: **%s**.",
                inside, verdict);
    }

    /** {@code trials}' learning rates, in their order (trials that do not search the rate left out). */
    static List<Rate> rates(RunConfig base, List<TrialRecord> trials) {
        return trials.stream().filter(t -> t.values().containsKey(RATE)).map(t -> rate(base, t)).toList();
    }

    /** "a-bx", a range of ratios. */
    static String shown(double[] range) {
        return times(range[0]) + "-" + times(range[1]) + "x";
    }

    /** A ratio: one decimal from 1 up ("66.7"), two significant digits below ("0.057", not "0.1"). */
    static String times(double ratio) {
        return ratio >= 1 ? String.format(Locale.ROOT, "%.1f", ratio) : String.format(Locale.ROOT, "%.2g", ratio);
    }

    /** The lowest and highest ratio of one of {@code ours} to one of {@code theirs}. */
    static double[] range(List<Rate> ours, List<Rate> theirs, java.util.function.ToDoubleFunction<Rate> measure) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Rate a : ours) {
            for (Rate b : theirs) {
                double ratio = measure.applyAsDouble(a) / measure.applyAsDouble(b);
                low = Math.min(low, ratio);
                high = Math.max(high, ratio);
            }
        }
        return new double[] {low, high};
    }

    private static String listed(List<Rate> rates) {
        return rates.stream().map(r -> "trial " + r.trial() + " lr " + SearchReport.value(r.asTrained()) + " at m "
                + SearchReport.value(r.momentum())).collect(Collectors.joining(", "));
    }

    /** Which momentum convention the rates are in, and which ratio the verdict uses; a note on inverted scaling. */
    private static String convention(RunConfig bestConfig, RunConfig companionConfig) {
        boolean damped = damped(bestConfig) || damped(companionConfig);
        String text = damped
                ? "Momentum convention: with `optimizer.dampening: true` the velocity is v = m v + (1 - m) lr g, so the steady-state step "
                + "is lr g; the authors' code (deepnet) has no dampening (v = m v + eps g, steady-state step eps g / (1 - m)), so a rate "
                + "lr here is the paper's eps = lr (1 - m), m the final momentum. The 10-100x verdict uses the ratio of these "
                + "paper-equivalent rates; the ratio of the rates as trained is shown beside it."
                : "Both searches train without momentum dampening, as the authors' code does: the rates as trained are in the paper's "
                + "convention, and the verdict uses their ratio.";
        Sections.Dropout dropout = bestConfig.dropout();
        if (dropout.scaling() == Scaling.INVERTED) {
            text += " This search uses inverted scaling, which multiplies each layer's step on the paper's weights by 1/p^2 (p that "
                    + "layer's input retain probability); the ratio is not corrected for it (set `dropout.scaling: test-time`).";
        }
        return text;
    }

    private static boolean damped(RunConfig config) {
        return config.optimizer().momentumType() == Sections.MomentumType.CLASSICAL && config.optimizer().dampening();
    }

    /** Why the two searches' learning rates are not comparable: profile, data files, data split, widths, epochs, batch size. */
    static List<String> differences(SearchLog.Identity identity, SearchLog.Identity companion) {
        List<String> out = new ArrayList<>();
        if (!identity.profile().equals(companion.profile())) {
            out.add("the profiles differ (" + identity.profile() + " here, " + companion.profile() + " in the companion)");
        }
        if (!java.util.Objects.equals(identity.dataFiles(), companion.dataFiles())) out.add("the data files differ");
        List<String> keys = SearchLog.Identity.differingKeys(comparable(identity.base()), comparable(companion.base()));
        if (!keys.isEmpty()) out.add("the base configurations differ in " + keys.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")));
        return out;
    }

    private static Map<String, Object> comparable(Map<String, Object> base) {
        Map<String, Object> out = new LinkedHashMap<>();
        base.forEach((key, value) -> {
            if (key.startsWith("data.") || SAME_KEYS.contains(key)) out.put(key, value);
        });
        return out;
    }

    /** A trial's learning rate as trained and as the paper's eps: lr (1 - m) under damped classical momentum, else lr. */
    static Rate rate(RunConfig base, TrialRecord trial) {
        Sections.Optimizer optimizer = base.withOverrides(trial.values(), "trial " + trial.trial()).optimizer();
        boolean damped = optimizer.momentumType() == Sections.MomentumType.CLASSICAL && optimizer.dampening();
        double momentum = optimizer.momentumType() == Sections.MomentumType.NONE ? 0 : optimizer.momentumFinal();
        return new Rate(trial.trial(), optimizer.learningRate(), damped ? optimizer.learningRate() * (1 - momentum) : optimizer.learningRate(),
                momentum);
    }
}
