package org.dropoutrepro.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a run needs to go on as if it had never stopped, taken between two minibatch steps: the
 * parameters and the updater's state (the momentum velocities) as raw bytes, DL4J's iteration and epoch
 * counters (which, with the network's seed, also fix every dropout mask still to come: masks are drawn from
 * (seed, layer, iteration, epoch) alone), where in the epoch the run is (the shuffle of an epoch is a function
 * of the seed and the epoch, see {@link EpochOrder}), the loss accumulated so far this epoch, the metrics of
 * the finished epochs, the state of this thread's ND4J generator (used by DL4J's own dropout) and the seconds
 * trained so far.
 *
 * @param fingerprint  identifies the task the state belongs to; a checkpoint of another task is never restored
 * @param epochsDone   finished epochs; the run resumes in epoch {@code epochsDone} (0-based)
 * @param batchesDone  minibatches of that epoch already trained
 */
public record Checkpoint(String fingerprint, int epochsDone, int batchesDone, int iterationCount, int epochCount,
                         List<EpochMetrics> epochs, double lossSum, int lossCount, double epochSeconds, double seconds,
                         long randomRootState, long randomNodeState, String parameterType, byte[] parameters,
                         String updaterType, byte[] updaterState) {

    public Checkpoint {
        epochs = List.copyOf(epochs);
    }

    /** The state of {@code net} and of the run around it, copied. */
    static Checkpoint capture(String fingerprint, MultiLayerNetwork net, int epochsDone, int batchesDone, List<EpochMetrics> epochs,
                              double lossSum, int lossCount, double epochSeconds, double seconds) {
        INDArray updater = updaterState(net);
        return new Checkpoint(fingerprint, epochsDone, batchesDone, net.getIterationCount(), net.getEpochCount(), epochs,
                lossSum, lossCount, epochSeconds, seconds, Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState(),
                net.params().dataType().name(), bytes(net.params()),
                updater == null ? null : updater.dataType().name(), updater == null ? null : bytes(updater));
    }

    /** Puts the parameters, updater state, counters and ND4J generator state into {@code net}, built and initialised as at the start. */
    void restoreInto(MultiLayerNetwork net) {
        assign(net.params(), parameterType, parameters, "parameters");
        INDArray updater = updaterState(net);
        if ((updater == null) != (updaterState == null)) {
            throw new IllegalStateException("checkpoint " + (updaterState == null ? "has no" : "has an") + " updater state, the network "
                    + (updater == null ? "has none" : "has one"));
        }
        if (updater != null) assign(updater, updaterType, updaterState, "updater state");
        net.getLayerWiseConfigurations().setIterationCount(iterationCount);
        net.getLayerWiseConfigurations().setEpochCount(epochCount);
        for (Layer layer : net.getLayers()) {
            layer.setIterationCount(iterationCount);
            layer.setEpochCount(epochCount);
        }
        Nd4j.getRandom().setStates(randomRootState, randomNodeState);
    }

    private static INDArray updaterState(MultiLayerNetwork net) {
        if (net.getUpdater() == null) return null;
        INDArray state = net.getUpdater().getStateViewArray();
        return state == null || state.length() == 0 ? null : state;
    }

    private static byte[] bytes(INDArray array) {
        INDArray flat = array.dup('c').reshape(array.length());
        ByteBuffer buffer = ByteBuffer.allocate((int) (flat.length() * flat.dataType().width())).order(ByteOrder.LITTLE_ENDIAN);
        switch (flat.dataType()) {
            case FLOAT -> buffer.asFloatBuffer().put(flat.toFloatVector());
            case DOUBLE -> buffer.asDoubleBuffer().put(flat.toDoubleVector());
            default -> throw new IllegalStateException("cannot checkpoint an array of type " + flat.dataType());
        }
        return buffer.array();
    }

    private static void assign(INDArray target, String type, byte[] bytes, String what) {
        DataType dataType = DataType.valueOf(type);
        if (dataType != target.dataType() || bytes.length != target.length() * dataType.width()) {
            throw new IllegalStateException("checkpoint " + what + " are " + bytes.length + " bytes of " + type + ", the network has "
                    + target.length() + " of " + target.dataType());
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        INDArray values;
        if (dataType == DataType.FLOAT) {
            float[] floats = new float[(int) target.length()];
            buffer.asFloatBuffer().get(floats);
            values = Nd4j.createFromArray(floats);
        } else {
            double[] doubles = new double[(int) target.length()];
            buffer.asDoubleBuffer().get(doubles);
            values = Nd4j.createFromArray(doubles);
        }
        target.assign(values.reshape('c', target.shape()));
    }
}
