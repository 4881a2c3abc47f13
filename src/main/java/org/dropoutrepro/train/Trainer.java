package org.dropoutrepro.train;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dropoutrepro.data.DataBundle;
import org.dropoutrepro.data.Permutation;
import org.dropoutrepro.data.Split;
import org.dropoutrepro.dropout.SeedMixer;
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
        Random order = new Random(seed * SeedMixer.GOLDEN_GAMMA + 1);
        int batchSize = config.training().batchSize();
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < config.training().epochs(); epoch++) {
            long epochStart = System.nanoTime();
            int[] permutation = Permutation.of(train.size(), order);
            for (int from = 0; from < permutation.length; from += batchSize) {
                Split batch = train.rows(Arrays.copyOfRange(permutation, from, Math.min(permutation.length, from + batchSize)));
                TrainingStep.fit(net, new DataSet(batch.features(), batch.labels()));
                if (loss.divergence() != null) {
                    return new RunOutcome(RunStatus.DIVERGED, epochs, null, parameterHash(net),
                            seconds(started), loss.divergence());
                }
            }
            net.incrementEpochCount();
            double trainLoss = loss.takeMean();
            MultiLayerNetwork model = evaluator.inferenceModel(net);
            double trainError = evaluator.error(model, trainErrorSubset);
            Double validationError = data.validation() == null ? null : evaluator.error(model, data.validation());
            EpochMetrics metrics = new EpochMetrics(epoch + 1, trainLoss, trainError, validationError, seconds(epochStart));
            epochs.add(metrics);
            if (!observer.epochDone(metrics)) {
                return new RunOutcome(RunStatus.STOPPED, epochs, null, parameterHash(net), seconds(started), null);
            }
        }
        Double testError = evaluateTest ? evaluator.error(evaluator.inferenceModel(net), data.test()) : null;
        return new RunOutcome(RunStatus.COMPLETED, epochs, testError, parameterHash(net), seconds(started), null);
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
