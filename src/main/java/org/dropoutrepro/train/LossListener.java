package org.dropoutrepro.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Accumulates the minibatch losses of an epoch and flags divergence: a NaN or infinite loss marks the
 * run diverged, and the trainer stops it before the next minibatch.
 */
final class LossListener extends BaseTrainingListener {

    private double sum;
    private int count;
    private String divergence;

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        double loss = model.score();
        if (!Double.isFinite(loss) && divergence == null) {
            divergence = "loss " + loss + " at iteration " + iteration + " (epoch " + epoch + ")";
        }
        sum += loss;
        count++;
    }

    /** The mean loss since the last call, and a reset. */
    double takeMean() {
        double mean = count == 0 ? Double.NaN : sum / count;
        sum = 0;
        count = 0;
        return mean;
    }

    /** The sum of this epoch's losses so far, for a checkpoint. */
    double sum() {
        return sum;
    }

    /** How many losses {@link #sum()} adds up. */
    int count() {
        return count;
    }

    /** Puts back the sum and count of an epoch's losses, from a checkpoint. */
    void restore(double sum, int count) {
        this.sum = sum;
        this.count = count;
    }

    /** Why the run diverged, or null. */
    String divergence() {
        return divergence;
    }
}
