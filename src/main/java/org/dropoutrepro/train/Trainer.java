package org.dropoutrepro.train;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.Split;
import org.dropoutrepro.model.NetworkFactory;
import org.dropoutrepro.model.TrainingStep;
import org.dropoutrepro.spec.RunConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one configuration with one seed: minibatch SGD over a fresh shuffle each epoch, per-epoch
 * training loss, training error and validation error, and the test error once at the end (unless the caller
 * is a search trial, which never reads the test split). The seed
 * drives weight initialisation, the epoch order and the dropout masks, so the same configuration and
 * seed on the same machine give bit-identical results. A NaN or infinite loss stops the run at once
 * with status {@link RunStatus#DIVERGED}.
 */
public final class Trainer {

    /** Told about every finished epoch, e.g. to write it to disk or to decide whether the run goes on. */
    public interface EpochObserver {
        /** Returns {@code false} to end the run after this epoch, as {@link RunStatus#STOPPED} (e.g. a search's pruning rule). */
        boolean epochDone(EpochMetrics metrics);

        /** The run resumes from a checkpoint taken after {@code batchesDone} minibatches of epoch {@code epochsDone + 1}. */
        default void resumed(int epochsDone, int batchesDone) {
        }
    }

    /** An observer that records nothing and never stops a run. */
    public static final EpochObserver IGNORE = metrics -> true;

    private Trainer() {
    }

    /**
     * Builds the network for {@code config} and {@code seed}, trains it on {@code data} and evaluates it on the
     * validation split each epoch and, if {@code evaluateTest}, once on the test split at the end. A search's
     * trials pass {@code false}: they never read the test split.
     */
    public static RunOutcome train(RunConfig config, DataBundle data, int seed, boolean evaluateTest, EpochObserver observer,
                                   List<TrainingListener> listeners) {
        return train(config, data, seed, evaluateTest, observer, listeners, null);
    }

    /**
     * As {@link #train(RunConfig, DataBundle, int, boolean, EpochObserver, List)}, saving the run's state through
     * {@code checkpointer} (null: none) and resuming from its last checkpoint if there is one. A resumed run tells
     * {@code observer} the restored epochs first, in order, then goes on; it ends bit-identical to a run that
     * never stopped.
     */
    public static RunOutcome train(RunConfig config, DataBundle data, int seed, boolean evaluateTest, EpochObserver observer,
                                   List<TrainingListener> listeners, Checkpointer checkpointer) {
        long started = System.nanoTime();
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(config, seed, data.inputSize(),
                data.outputSize(), data.task()));
        net.init();
        LossListener loss = new LossListener();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(loss);
        net.setListeners(all);

        Evaluator evaluator = new Evaluator(config.evaluation(), config.dropout(), data.task());
        Split train = data.train();
        Split trainErrorSubset = train.size() <= config.training().trainErrorSubset() ? train
                : train.head(config.training().trainErrorSubset());
        EpochOrder order = new EpochOrder(seed, train.size());
        int batchSize = config.training().batchSize();
        List<EpochMetrics> epochs = new ArrayList<>();
        Checkpoint resume = checkpointer == null ? null : checkpointer.resumePoint();
        int firstEpoch = 0;
        int firstBatch = 0;
        double earlierSeconds = 0;
        double earlierEpochSeconds = 0;
        if (resume != null) {
            resume.restoreInto(net);
            loss.restore(resume.lossSum(), resume.lossCount());
            firstEpoch = resume.epochsDone();
            firstBatch = resume.batchesDone();
            earlierSeconds = resume.seconds();
            earlierEpochSeconds = resume.epochSeconds();
            observer.resumed(firstEpoch, firstBatch);
            for (EpochMetrics metrics : resume.epochs()) {
                epochs.add(metrics);
                if (!observer.epochDone(metrics)) {
                    return new RunOutcome(RunStatus.STOPPED, epochs, null, parameterHash(net), earlierSeconds + seconds(started), null);
                }
            }
        }
        for (int epoch = firstEpoch; epoch < config.training().epochs(); epoch++) {
            long epochStart = System.nanoTime();
            double epochEarlier = epoch == firstEpoch ? earlierEpochSeconds : 0;
            int[] permutation = order.permutation(epoch);
            int batches = (permutation.length + batchSize - 1) / batchSize;
            for (int batchIndex = epoch == firstEpoch ? firstBatch : 0; batchIndex < batches; batchIndex++) {
                int from = batchIndex * batchSize;
                Split batch = train.rows(Arrays.copyOfRange(permutation, from, Math.min(permutation.length, from + batchSize)));
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("training interrupted: its executor was closed");
                }
                TrainingStep.fit(net, new DataSet(batch.features(), batch.labels()));
                if (loss.divergence() != null) {
                    return new RunOutcome(RunStatus.DIVERGED, epochs, null, parameterHash(net),
                            earlierSeconds + seconds(started), loss.divergence());
                }
                if (checkpointer != null) {
                    int epochsDone = epoch;
                    int batchesDone = batchIndex + 1;
                    double soFar = earlierSeconds + seconds(started);
                    double epochSoFar = epochEarlier + seconds(epochStart);
                    checkpointer.afterStep(() -> Checkpoint.capture(checkpointer.fingerprint(), net, epochsDone, batchesDone, epochs,
                            loss.sum(), loss.count(), epochSoFar, soFar));
                }
            }
            net.incrementEpochCount();
            double trainLoss = loss.takeMean();
            MultiLayerNetwork model = evaluator.inferenceModel(net);
            double trainError = evaluator.error(model, trainErrorSubset);
            Double validationError = data.validation() == null ? null : evaluator.error(model, data.validation());
            EpochMetrics metrics = new EpochMetrics(epoch + 1, trainLoss, trainError, validationError,
                    epochEarlier + seconds(epochStart));
            epochs.add(metrics);
            if (!observer.epochDone(metrics)) {
                return new RunOutcome(RunStatus.STOPPED, epochs, null, parameterHash(net), earlierSeconds + seconds(started), null);
            }
            if (checkpointer != null) {
                int epochsDone = epoch + 1;
                double soFar = earlierSeconds + seconds(started);
                checkpointer.afterEpoch(() -> Checkpoint.capture(checkpointer.fingerprint(), net, epochsDone, 0, epochs, 0, 0, 0, soFar));
            }
        }
        Evaluator.Scored test = evaluateTest ? evaluator.score(evaluator.inferenceModel(net), data.test()) : null;
        return new RunOutcome(RunStatus.COMPLETED, epochs, test == null ? null : test.error(), parameterHash(net),
                earlierSeconds + seconds(started), null, test == null ? null : test.mistakes());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** SHA-256 of the network's parameters as raw floats: equal hashes mean bit-identical weights. */
    private static String parameterHash(MultiLayerNetwork net) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(net.params().dup().data().asBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
