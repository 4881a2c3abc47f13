package org.dropoutrepro.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the recorded numbers say about a claim that did not hold (it failed, or stayed unresolved): the
 * page's "why", read off the data rather than written by hand. Three readings, each stated only when the numbers
 * show it:
 * <ul>
 * <li><b>length</b>: the side claimed better was still improving at its last epoch ({@link TrainingLength}); the
 * verdict measures this training length, and the paper trained about a million updates and says a dropout net
 * takes 2-3 times longer to train than a standard one (Section 11, the conclusion);</li>
 * <li><b>fit against overfitting</b>: the side claimed better overfits less (a smaller gap between its final
 * validation and training errors) but fits the training set less well, and ends no lower on validation (its training
 * error plus its gap), so at this length the regularization
 * (dropout's noise, max-norm's bound: Sections 4 and 5.1) costs more in fit than it saves in overfitting;</li>
 * <li><b>the other side overfitting</b>: the side claimed worse was past its best validation error by the last
 * epoch, so comparing last epochs is not comparing each side at its best.</li>
 * </ul>
 */
final class VerdictReading {

    private VerdictReading() {
    }

    /** The page's section, empty when every claim held or was not decided, or when the numbers say nothing. */
    static String section(List<ClaimCheck.Verdict> verdicts, List<TrainingLength> readings, Units units) {
        StringBuilder md = new StringBuilder();
        for (ClaimCheck.Verdict v : verdicts) {
            if (v.outcome() != ClaimCheck.Outcome.FAILS && v.outcome() != ClaimCheck.Outcome.UNRESOLVED) continue;
            if (v.better().testError().n() == 0 || v.worse().testError().n() == 0) continue;
            List<String> lines = lines(v, readings, units);
            if (lines.isEmpty()) continue;
            md.append("\n**").append(v.label()).append("** (").append(v.outcome().label).append("):\n");
            lines.forEach(line -> md.append("- ").append(line).append("\n"));
        }
        if (md.isEmpty()) return "";
        return "\n## Why a claim did not hold or was not resolved, as the numbers show it\n\nRead off the recorded curves (the 'Training length' table and "
                + "the final errors, both without dropout); what they show, not a proof of the cause.\n" + md;
    }

    static List<String> lines(ClaimCheck.Verdict v, List<TrainingLength> readings, Units units) {
        List<String> out = new ArrayList<>();
        String better = v.better().config().name();
        String worse = v.worse().config().name();
        Optional<TrainingLength> betterLength = readingOf(readings, better);
        Optional<TrainingLength> worseLength = readingOf(readings, worse);
        if (betterLength.isPresent() && betterLength.get().reading() == TrainingLength.Reading.STILL_IMPROVING) {
            TrainingLength r = betterLength.get();
            out.add(String.format(Locale.ROOT, "'%s' was still improving at epoch %d (its validation error fell %.2f ± %.2f points over the last "
                    + "%d epochs, a fall its scatter around the trend does not explain): the verdict measures %d epochs of training, "
                    + "not the error it would reach; the paper trained its MNIST nets for about a million weight updates and says a "
                    + "dropout net takes 2-3 times longer to train than a standard one.", better, r.lastEpoch(), -r.lastQuarterChange() * 100,
                    r.changeStandardError() * 100, r.window(), r.lastEpoch()));
        }
        if (betterLength.isPresent() && worseLength.isPresent()) {
            double betterGap = betterLength.get().finalGap();
            double worseGap = worseLength.get().finalGap();
            double betterTrain = v.better().finalTrainError().mean();
            double worseTrain = v.worse().finalTrainError().mean();
            // only when the better side also ends no better on validation: otherwise its regularization paid off
            if (betterGap < worseGap && betterTrain > worseTrain && betterTrain + betterGap >= worseTrain + worseGap) {
                out.add(String.format(Locale.ROOT, "'%s' overfits less than '%s' (final validation minus training error %s against %s%s) "
                        + "but fits the training set less well (final training error %s%s against %s%s): at this length its "
                        + "regularization costs more in fit than it saves in overfitting.", better, worse, units.format(betterGap),
                        units.format(worseGap), units.differenceUnit(), units.format(betterTrain), units.unit(), units.format(worseTrain),
                        units.unit()));
            }
        }
        if (worseLength.isPresent() && worseLength.get().reading() == TrainingLength.Reading.OVERFITTING) {
            TrainingLength r = worseLength.get();
            out.add(String.format(Locale.ROOT, "'%s' was overfitting: its validation error was lowest at epoch %d (%.2f%%) and ended at "
                    + "%.2f%%; the verdict compares the last epochs, as the spec trains them, not each side at its best epoch.",
                    worse, r.lowestEpoch(), r.lowest() * 100, r.last() * 100));
        }
        return out;
    }

    private static Optional<TrainingLength> readingOf(List<TrainingLength> readings, String configuration) {
        return readings.stream().filter(r -> r.configuration().equals(configuration)).findFirst();
    }
}
