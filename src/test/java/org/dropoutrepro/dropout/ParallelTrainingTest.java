package org.dropoutrepro.dropout;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A network trained alone and one trained while another network trains in a second thread end bit-identical. */
class ParallelTrainingTest {

    private static final int ITERATIONS = 40;

    @Test
    void trainingIsBitIdenticalAloneAndInParallel() throws Exception {
        DataSet data = data();
        float[] alone = train(configuration(2024), data, null);

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<float[]> other = CompletableFuture.supplyAsync(() -> train(configuration(7), data, start));
        CompletableFuture<float[]> same = CompletableFuture.supplyAsync(() -> train(configuration(2024), data, start));
        start.countDown();
        assertArrayEquals(alone, same.get());
        assertFalse(java.util.Arrays.equals(alone, other.get()), "a different seed gives a different network");
    }

    private static float[] train(MultiLayerConfiguration conf, DataSet data, CountDownLatch start) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        if (start != null) {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        for (int i = 0; i < ITERATIONS; i++) {
            net.fit(data);
        }
        return net.params().data().asFloat();
    }

    private static MultiLayerConfiguration configuration(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Nesterovs(0.05, 0.9))
                .dropOut(BernoulliDropout.retain(0.8))
                .list()
                .layer(new DenseLayer.Builder().nIn(20).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(32).activation(Activation.RELU)
                        .dropOut(BernoulliDropout.retain(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(3)
                        .activation(Activation.SOFTMAX).dropOut(GaussianDropout.retain(0.5)).build())
                .build();
        return DropoutConfigs.assignSeeds(conf, seed);
    }

    private static DataSet data() {
        java.util.Random random = new java.util.Random(1);
        float[][] features = new float[64][20];
        float[][] labels = new float[64][3];
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 20; j++) {
                features[i][j] = (float) random.nextGaussian();
            }
            labels[i][random.nextInt(3)] = 1f;
        }
        INDArray x = Nd4j.createFromArray(features);
        INDArray y = Nd4j.createFromArray(labels);
        return new DataSet(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT));
    }
}
