package org.dropoutrepro.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.train.EpochMetrics;
import org.dropoutrepro.testing.SystemPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path (Debian's OpenBLAS) against the bundled OpenBLAS: the same short training in two
 * processes must give the same loss curve up to floating-point reassociation, and each must really
 * have run on the BLAS it was given.
 */
class NativeBlasTest {

    @TempDir
    Path dir;

    @Test
    void systemAndBundledBlasGiveTheSameLossCurveUpToReassociation() throws Exception {
        SystemPackages.require(Files.isReadable(NativeBlas.DEBIAN_OPENBLAS), "libopenblas0-pthread", "the system-BLAS comparison");
        List<RunRecord> system = trainWith("system");
        List<RunRecord> bundled = trainWith("bundled");
        assertEquals("libopenblasp-r0.3.21.so", system.get(0).provenance().blas(), "one OpenBLAS mapped: Debian's");
        assertTrue(bundled.get(0).provenance().blas().contains("libopenblas_nolapack.so.0"), bundled.get(0).provenance().blas());
        assertEquals(system.size(), bundled.size());
        for (int run = 0; run < system.size(); run++) {
            List<EpochMetrics> a = system.get(run).epochs();
            List<EpochMetrics> b = bundled.get(run).epochs();
            for (int epoch = 0; epoch < a.size(); epoch++) {
                double lossA = a.get(epoch).trainLoss();
                double lossB = b.get(epoch).trainLoss();
                assertEquals(lossA, lossB, 1e-4 * Math.abs(lossA), "run " + run + " epoch " + epoch);
            }
        }
    }

    private List<RunRecord> trainWith(String blas) throws Exception {
        Path out = dir.resolve(blas);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dropoutrepro.cli.Main", "run",
                "src/test/resources/specs/tiny.yaml", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(blas + ".log").toFile());
        builder.environment().put("DROPOUT_BLAS", blas);
        builder.environment().remove("OPENBLAS_CORETYPE");
        Process child = builder.start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve(blas + ".log")));
        return ResultStore.readRuns(out);
    }

    @Test
    void aBadChoiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NativeBlas.configure("mkl"));
        assertEquals("bundled", NativeBlas.configure("bundled"));
    }
}
