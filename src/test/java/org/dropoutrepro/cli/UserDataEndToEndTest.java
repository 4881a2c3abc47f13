package org.dropoutrepro.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.data.RawData;
import org.dropoutrepro.spec.RunConfig;
import org.dropoutrepro.testing.SystemPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own data end to end: a real table from a Debian package, and an image folder exported from Fashion-MNIST. */
class UserDataEndToEndTest {

    static final Path BREAST_CANCER = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv");

    @TempDir
    Path dir;

    private static String[] execute(String... args) {
        CliResult result = CliResult.execute(args);
        return new String[] {String.valueOf(result.exitCode()), result.out(), result.err()};
    }

    @Test
    void theBreastCancerTableTrainsAndReportsItsProvenance() throws Exception {
        SystemPackages.require(Files.isRegularFile(BREAST_CANCER), "python3-sklearn", "the real-table example (breast_cancer.csv)");
        Path out = dir.resolve("bc");
        String[] run = execute("run", "experiments/breast-cancer.yaml", "--profile", "smoke", "--out", out.toString());
        assertEquals("0", run[0], run[2]);
        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("csv breast_cancer.csv: 569 rows, 30 features (header skipped), 2 classes (0: 212, 1: 357)"), report);
        assertTrue(report.contains("normalize: standardize fitted on the"), report);
        String manifest = Files.readString(out.resolve("experiment.json"));
        assertTrue(manifest.contains("\"file\" : \"breast_cancer.csv\""), manifest);
    }

    @Test
    void anExportedImageFolderReadsBackAsTheIdxPixelsAndTrains() throws Exception {
        Path images = dir.resolve("images");
        String[] export = execute("data", "export", "fashion-mnist", "--images", images.toString(), "--per-class", "12", "--test-per-class", "3");
        assertEquals("0", export[0], export[2]);
        assertEquals(12, Files.list(images.resolve("train/sandal")).count());

        RawData idx = DataRegistry.raw(RunConfig.defaults().withOverrides(Map.of("data.dataset", "fashion-mnist"), "test").data(), null);
        RawData folder = DataRegistry.raw(RunConfig.defaults().withOverrides(Map.of("data.dataset", "image-folder",
                "data.dir", images.resolve("train").toString(), "data.testDir", images.resolve("test").toString()), "test").data(), null);
        assertEquals(120, folder.trainFeatures().rows());
        assertEquals(30, folder.testFeatures().rows());
        String firstName = Files.list(images.resolve("test/ankle-boot")).sorted().findFirst().orElseThrow().getFileName().toString();
        int idxRow = Integer.parseInt(firstName.replace(".png", ""));
        assertArrayEquals(idx.testFeatures().getRow(idxRow).toFloatVector(), folder.testFeatures().getRow(0).toFloatVector(), 0f,
                "the first test image of class 0 (ankle-boot, sorted first) is the IDX row it came from, bit for bit");

        Path spec = dir.resolve("images.yaml");
        Files.writeString(spec, "name: images\ndata: {dataset: image-folder, dir: " + images.resolve("train") + ", testDir: "
                + images.resolve("test") + ", validationSize: 20}\narchitecture: {hiddenWidths: [16]}\ntraining: {epochs: 1, seeds: 1}\n");
        String[] run = execute("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals("0", run[0], run[2]);
        assertTrue(Files.readString(dir.resolve("out/REPORT.md")).contains("image folder train: 120 images, 10 classes"));
    }

    @Test
    void badDataWritesNothingToTheResultDirectory() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,0\n3,4\n");
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: bad\ndata: {dataset: csv, path: " + csv + ", validationSize: 0}\n");
        Path out = dir.resolve("out");
        String[] run = execute("run", spec.toString(), "--out", out.toString());
        assertEquals("2", run[0]);
        assertEquals("error: " + csv + ":2: ragged row: 2 columns; expected 3 as on line 1", run[2].strip());
        assertFalse(Files.exists(out), "nothing written before the data was read and checked");
    }
}
