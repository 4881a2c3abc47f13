package org.dropoutrepro.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** dataset: csv through DataVec's CSVRecordReader: headers, string labels, regression, every bad-input case, normalizers. */
class CsvSourceTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static Sections.Data spec(Path file, Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>(Map.of("data.dataset", "csv", "data.path", file.toString(), "data.validationSize", 0));
        for (int i = 0; i < keysAndValues.length; i += 2) values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return RunConfig.defaults().withOverrides(values, "test").data();
    }

    private static RawData load(Sections.Data spec) {
        return new CsvSource().load(spec, null);
    }

    /** Ten rows of two classes: x1, x2, label. */
    private static String table(boolean header, String zero, String one) {
        StringBuilder csv = new StringBuilder(header ? "x1,x2,label\n" : "");
        for (int i = 0; i < 10; i++) csv.append(i).append(',').append(i * 0.5).append(',').append(i % 2 == 0 ? zero : one).append('\n');
        return csv.toString();
    }

    @Test
    void readsWithAndWithoutAHeaderAlike() throws Exception {
        RawData withHeader = load(spec(write("a.csv", table(true, "0", "1"))));
        RawData without = load(spec(write("b.csv", table(false, "0", "1"))));
        assertEquals(8, withHeader.trainFeatures().rows());
        assertEquals(2, withHeader.testFeatures().rows(), "testFraction 0.2, stratified: one of each class");
        assertEquals(withHeader.trainFeatures(), without.trainFeatures());
        assertEquals(2, withHeader.outputSize());
        assertEquals(1.0, withHeader.testLabels().sum(0).getDouble(0), 0.0);
        assertTrue(withHeader.note().contains("(header skipped)"), withHeader.note());
        assertThrows(DataFileException.class, () -> load(spec(write("c.csv", table(true, "0", "1")), "data.header", "false")),
                "a header read as data is a non-numeric value");
    }

    @Test
    void stringLabelsAreMappedInSortedOrderAndRecorded() throws Exception {
        RawData data = load(spec(write("s.csv", table(false, "cat", "ant"))));
        assertTrue(data.note().contains("0 = 'ant': 5, 1 = 'cat': 5"), data.note());
        INDArray all = org.nd4j.linalg.factory.Nd4j.vstack(data.trainFeatures(), data.testFeatures());
        INDArray labels = org.nd4j.linalg.factory.Nd4j.vstack(data.trainLabels(), data.testLabels());
        for (int row = 0; row < all.rows(); row++) {
            int x1 = (int) all.getDouble(row, 0);
            assertEquals(x1 % 2 == 0 ? 1.0 : 0.0, labels.getDouble(row, 1), 0.0, "row with x1 = " + x1);
        }
    }

    @Test
    void aNumericTargetWithTaskRegressionAndAnotherLabelColumn() throws Exception {
        Path file = write("r.csv", "y;x\n1.5;1\n3.0;2\n4.5;3\n6.0;4\n7.5;5\n");
        RawData data = load(spec(file, "data.task", "regression", "data.labelColumn", 0, "data.delimiter", ";"));
        assertEquals(Task.REGRESSION, data.task());
        assertEquals(1, data.inputSize());
        INDArray x = org.nd4j.linalg.factory.Nd4j.vstack(data.trainFeatures(), data.testFeatures());
        INDArray y = org.nd4j.linalg.factory.Nd4j.vstack(data.trainLabels(), data.testLabels());
        for (int row = 0; row < 5; row++) assertEquals(1.5 * x.getDouble(row, 0), y.getDouble(row, 0), 1e-6);
        assertEquals(1, data.testFeatures().rows());
    }

    @Test
    void givenTestFileIsTheTestSet() throws Exception {
        Path test = write("t.csv", "0,0,1\n1,1,0\n");
        RawData data = load(spec(write("a.csv", table(false, "0", "1")), "data.testPath", test.toString()));
        assertEquals(10, data.trainFeatures().rows());
        assertEquals(2, data.testFeatures().rows());
        assertEquals(2, data.files().size());
        Path unseen = write("u.csv", "x1,x2,label\n0,0,dog\n");
        DataFileException e = assertThrows(DataFileException.class,
                () -> load(spec(write("s.csv", table(true, "cat", "ant")), "data.testPath", unseen.toString())));
        assertEquals(unseen + ":2: column 3: label 'dog' does not occur in the training file; its classes: ant, cat", e.getMessage());
    }

    private void assertError(String content, String expected, Object... keysAndValues) throws Exception {
        Path file = write("bad.csv", content);
        DataFileException e = assertThrows(DataFileException.class, () -> load(spec(file, keysAndValues)));
        assertEquals(file + expected, e.getMessage());
    }

    @Test
    void everyBadCsvNamesTheFileTheLineAndTheColumn() throws Exception {
        assertError("", ": empty file: no rows");
        assertError("a,b,label\n", ": has a header line but no data rows");
        assertError("1,2,0\n3,4,1\n5,1\n", ":3: ragged row: 2 columns; expected 3 as on line 1");
        assertError("1,2,0\n3,x4,1\n", ":2: column 2: 'x4' is not a number");
        assertError("1,2,0\n3,,1\n", ":2: column 2: missing value; expected a number");
        assertError("1,2,0\n3,4,\n", ":2: column 3: missing label");
        assertError("1,2,0\n3,4,1.5\n", ":2: column 3: label '1.5' does not fit: expected a class index (a whole number >= 0) or a class name; "
                + "for a numeric target set data.task: regression");
        assertError("1,2,0\n3,4,-1\n", ":2: column 3: label '-1' does not fit: expected a class index (a whole number >= 0) or a class name; "
                + "for a numeric target set data.task: regression");
        assertError("1,2,0\n3,4,0\n", ": every label is 0; classification needs two or more classes");
        assertError("1,2,a\n3,4,a\n", ": one class only ('a'); classification needs two or more");
        assertError("1,2,0\n3,4,b\n", ":2: column 3: target 'b' is not a number (data.task: regression)", "data.task", "regression");
        assertError("1,2,0\n3,4,1\n", ": data.labelColumn 3 does not exist: the file has 3 columns (0 to 2, or -1 to -3 from the end)",
                "data.labelColumn", 3);
    }

    @Test
    void theNormalizerIsFittedOnTheTrainingSplitOnly() throws Exception {
        StringBuilder train = new StringBuilder();
        for (int i = 0; i < 20; i++) train.append(i).append(',').append(i % 2).append('\n');
        Path test = write("test.csv", "100,0\n200,1\n");
        Sections.Data spec = spec(write("train.csv", train.toString()), "data.testPath", test.toString(), "data.normalize", "standardize",
                "data.validationSize", 5);
        DataBundle bundle = DataRegistry.splits(spec, null);
        INDArray trainX = bundle.train().features();
        assertEquals(0.0, trainX.meanNumber().doubleValue(), 1e-5, "training split standardized to mean 0");
        assertEquals(1.0, trainX.std(false, 0).getDouble(0), 1e-4, "and sd 1 (population)");
        double mean = 0;
        INDArray raw = trainX;
        // the training rows as read: recover them from the cached raw data through the validation hold-out
        RawData rawData = DataRegistry.raw(spec, null);
        double[] held = new double[15];
        int[] order = Permutation.of(20, new java.util.Random(spec.splitSeed()));
        for (int i = 0; i < 15; i++) held[i] = rawData.trainFeatures().getDouble(order[5 + i], 0);
        for (double v : held) mean += v / 15;
        double variance = 0;
        for (double v : held) variance += (v - mean) * (v - mean) / 15;
        double sd = Math.sqrt(variance);
        assertEquals((100 - mean) / sd, bundle.test().features().getDouble(0, 0), 1e-3, "test scaled with the training statistics");
        assertEquals(100.0, rawData.testFeatures().getDouble(0, 0), 0.0, "the loaded data set itself is not modified");
        assertTrue(bundle.test().features().getDouble(0, 0) > 10, "fitting on all data (test included) would give a small value");
        assertTrue(raw.rows() == 15);
        DataBundle minmax = DataRegistry.splits(spec(write("train2.csv", train.toString()), "data.testPath", test.toString(),
                "data.normalize", "minmax", "data.validationSize", 0), null);
        assertEquals(0.0, minmax.train().features().minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, minmax.train().features().maxNumber().doubleValue(), 1e-6);
        assertArrayEquals(new float[] {100f / 19, 200f / 19}, minmax.test().features().getColumn(0).toFloatVector(), 1e-4f);
    }

    @Test
    void aKeyOfAnotherDataSetIsRejected() {
        Sections.Data spec = RunConfig.defaults().withOverrides(Map.of("data.dataset", "mnist-10k", "data.labelColumn", 2), "test").data();
        DataFileException e = assertThrows(DataFileException.class, () -> DataRegistry.splits(spec, null));
        assertTrue(e.getMessage().startsWith("key 'data.labelColumn' does not apply to data set mnist-10k"), e.getMessage());
    }
}
