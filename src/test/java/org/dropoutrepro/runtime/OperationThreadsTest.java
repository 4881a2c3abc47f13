package org.dropoutrepro.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.model.NetworkFactory;
import org.dropoutrepro.model.TrainingStep;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class OperationThreadsTest {

    private final int before = Nd4j.getEnvironment().maxMasterThreads();

    @AfterEach
    void restore() {
        Nd4j.getEnvironment().setMaxMasterThreads(before);
    }

    @Test
    void theSettingIsOneByDefaultACountOrAllAndAnythingElseIsAnError() {
        assertEquals(1, OperationThreads.parse(null));
        assertEquals(1, OperationThreads.parse(" "));
        assertEquals(3, OperationThreads.parse("3"));
        assertEquals(0, OperationThreads.parse("ALL"));
        for (String bad : new String[] {"0", "-2", "two"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OperationThreads.parse(bad));
            assertTrue(error.getMessage().contains("DROPOUT_ND4J_THREADS=" + bad), error.getMessage());
        }
        assertEquals(1, OperationThreads.configure(null));
        assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
        assertEquals(2, OperationThreads.configure("2"));
        OperationThreads.ensureConfigured();
        assertEquals(2, Nd4j.getEnvironment().maxMasterThreads(), "configured once: later calls leave the setting alone");
    }

    private record Trained(List<Double> losses, INDArray params, INDArray output) {
    }

    /** 20 steps of the quickstart-size net with dropout and max-norm, then its output on 1,000 examples. */
    private static Trained train(int threads) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("architecture.hiddenWidths", List.of(512, 512));
        overrides.put("regularization.maxNorm", 1.0);
        overrides.put("optimizer.learningRate", 1.0);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(RunConfig.defaults().withOverrides(overrides, "test"), 3, 784, 10,
                Task.CLASSIFICATION));
        net.init();
        // after the network is built, which applies the environment's setting once per JVM
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        assertEquals(threads, Nd4j.getEnvironment().maxMasterThreads());
        Nd4j.getRandom().setSeed(11);
        INDArray features = Nd4j.rand(DataType.FLOAT, 100, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 100, 10);
        for (int row = 0; row < 100; row++) labels.putScalar(row, (row * 3) % 10, 1f);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            TrainingStep.fit(net, new DataSet(features, labels));
            losses.add(net.score());
        }
        return new Trained(losses, net.params().dup(), net.output(Nd4j.rand(DataType.FLOAT, 1000, 784), false));
    }

    @Test
    void oneThreadAndTwoGiveTheSameTrainingToTheBit() {
        Trained one = train(1);
        Trained two = train(2);
        assertEquals(two.losses(), one.losses());
        assertArrayEquals(two.params().data().asFloat(), one.params().data().asFloat(), "parameters, bit for bit");
        assertArrayEquals(two.output().dup('c').data().asFloat(), one.output().dup('c').data().asFloat(), "outputs, bit for bit");
        assertTrue(one.losses().get(19) < one.losses().get(0), "it trained: " + one.losses());
    }
}
