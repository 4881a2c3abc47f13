package org.dropoutrepro.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dropoutrepro.results.ExperimentLock;
import org.dropoutrepro.results.ResultStore;
import org.dropoutrepro.results.RunRecord;
import org.dropoutrepro.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runsEveryConfigurationAndSeedAndRecordsProvenance() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, console);
        List<RunRecord> runs = ResultStore.readRuns(dir);
        assertEquals(List.of("c0-standard-s1", "c0-standard-s2", "c1-dropout-s1", "c1-dropout-s2"),
                runs.stream().map(RunRecord::runId).toList());
        for (RunRecord run : runs) {
            assertEquals(RunStatus.COMPLETED, run.status());
            assertEquals(2, run.epochs().size());
            assertTrue(run.testError() > 0 && run.testError() < 0.9, "test error " + run.testError());
            int testExamples = ResultStore.readManifest(dir).dataSizes().test();
            assertEquals(testExamples, run.testMistakes().examples());
            assertEquals(run.testError(), run.testMistakes().count() / (double) testExamples, 0.0,
                    "the recorded mistakes are the test error, example by example");
            assertEquals(3, Files.readAllLines(ResultStore.epochFile(dir, run.runId())).size(), "header + 2 epochs");
            assertNotNull(run.provenance().java());
            assertEquals("1.0.0-beta7", run.provenance().libraries().get("deeplearning4j-nn"));
        }
        assertEquals(List.of(1, 2), List.of(runs.get(0).seed(), runs.get(1).seed()));
        assertNotEquals(runs.get(0).parameterSha256(), runs.get(1).parameterSha256(), "different seeds, different weights");
        assertEquals(10, ResultStore.readManifest(dir).dataFiles().size(), "the ten digit files of mnist-10k are hashed");
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("c1-dropout-s2 epoch 2/2"));
    }

    @Test
    void runsTrainedTwoAtATimeAreBitIdenticalToRunsTrainedOneAtATime() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir.resolve("one"), new ByteArrayOutputStream(), 1);
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir.resolve("two"), new ByteArrayOutputStream(), 2);
        java.util.Map<String, RunRecord> sequential = new java.util.HashMap<>();
        ResultStore.readRuns(dir.resolve("one")).forEach(r -> sequential.put(r.runId(), r));
        List<RunRecord> parallel = ResultStore.readRuns(dir.resolve("two"));
        assertEquals(sequential.keySet(), parallel.stream().map(RunRecord::runId).collect(java.util.stream.Collectors.toSet()));
        for (RunRecord run : parallel) {
            RunRecord alone = sequential.get(run.runId());
            assertEquals(alone.parameterSha256(), run.parameterSha256(), run.runId() + ": parameters");
            assertEquals(alone.epochs().stream().map(e -> e.trainLoss()).toList(), run.epochs().stream().map(e -> e.trainLoss()).toList());
            assertEquals(alone.testError(), run.testError());
            assertEquals(alone.testMistakes(), run.testMistakes(), "the same test examples misclassified");
            assertEquals(3, Files.readAllLines(ResultStore.epochFile(dir.resolve("two"), run.runId())).size(), "header + 2 epochs");
        }
    }

    @Test
    void resumingOnDataThatChangedIsRefusedNamingTheFile() throws Exception {
        Path csv = dir.resolve("table.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) rows.append(i % 7).append(',').append((i * 13) % 5).append(',').append(i % 2).append('\n');
        Files.writeString(csv, rows);
        Path spec = dir.resolve("table.yaml");
        Files.writeString(spec, "name: table\ndata: {dataset: csv, path: " + csv + ", validationSize: 10}\n"
                + "architecture: {hiddenWidths: [8]}\ntraining: {epochs: 1, seeds: 2}\n");
        Path out = dir.resolve("out");
        ExperimentTestSupport.run(spec, "default", out, new ByteArrayOutputStream());
        // the recorded results were trained on a file with other contents (this JVM keeps the loaded table cached,
        // so the recorded hash is changed instead of the file)
        String hash = ResultStore.readManifest(out).dataFiles().get(0).sha256();
        Path manifest = out.resolve(ResultStore.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(hash, "0".repeat(64)));
        List<String> lines = Files.readAllLines(out.resolve(ResultStore.RUNS));
        Files.write(out.resolve(ResultStore.RUNS), lines.subList(0, 1));
        IllegalStateException changed = assertThrows(IllegalStateException.class,
                () -> ExperimentTestSupport.run(spec, "default", out, new ByteArrayOutputStream()));
        assertTrue(changed.getMessage().contains("table.csv") && changed.getMessage().contains("--fresh"), changed.getMessage());
    }

    @Test
    void runningAgainSkipsFinishedRunsAndAChangedSpecIsRefused() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream());
        List<String> before = Files.readAllLines(dir.resolve(ResultStore.RUNS));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, console);
        assertEquals(before, Files.readAllLines(dir.resolve(ResultStore.RUNS)), "nothing retrained, nothing appended");
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("4 runs (4 already finished)"));
        IllegalStateException changed = assertThrows(IllegalStateException.class,
                () -> ExperimentTestSupport.run(ExperimentTestSupport.TINY, "slower", dir, new ByteArrayOutputStream()));
        assertTrue(changed.getMessage().contains("--fresh"), changed.getMessage());
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndItsRunRetrained() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream());
        Path runs = dir.resolve(ResultStore.RUNS);
        List<String> lines = Files.readAllLines(runs);
        String last = lines.get(3);
        Files.writeString(runs, String.join("\n", lines.subList(0, 3)) + "\n" + last.substring(0, last.length() / 2),
                StandardCharsets.UTF_8);
        assertEquals(3, ResultStore.readRuns(dir).size());
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream());
        List<RunRecord> after = ResultStore.readRuns(dir);
        assertEquals(4, after.size());
        assertEquals("c1-dropout-s2", after.get(3).runId());
        assertEquals(4, Files.readAllLines(runs).size());
    }

    @Test
    void aLockedDirectoryIsRefusedWithAClearMessage() throws Exception {
        Files.createDirectories(dir);
        try (ExperimentLock held = ExperimentLock.acquire(dir)) {
            ExperimentLock.Busy busy = assertThrows(ExperimentLock.Busy.class,
                    () -> ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream()));
            assertTrue(busy.getMessage().contains("is in use by another dropout-repro process (pid "
                    + ProcessHandle.current().pid() + ")"), busy.getMessage());
        }
        assertNull(ResultStore.readManifest(dir));
    }

    @Test
    void aDivergingRunStopsAtOnceAndTheExperimentGoesOn() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.DIVERGING, "default", dir, new ByteArrayOutputStream());
        List<RunRecord> runs = ResultStore.readRuns(dir);
        assertEquals(2, runs.size());
        assertEquals(RunStatus.DIVERGED, runs.get(0).status());
        assertTrue(runs.get(0).divergence().startsWith("loss "), runs.get(0).divergence());
        assertTrue(runs.get(0).epochs().isEmpty(), "stopped within the first epoch");
        assertNull(runs.get(0).testError());
        assertEquals(RunStatus.COMPLETED, runs.get(1).status());
    }

    @Test
    void reproduceRetrainsARecordedRunBitIdentically() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<Reproducer.Comparison> comparisons = Reproducer.reproduce(dir.resolve("runs/c1-dropout-s2"), null,
                new java.io.PrintStream(console, true));
        assertEquals(1 + 2 * 3 + 3, comparisons.size(), "the status, 3 metrics for each of 2 epochs, the test error, "
                + "which test examples it misclassified, and the parameters");
        assertTrue(comparisons.stream().anyMatch(c -> c.metric().equals("misclassified test examples")));
        for (Reproducer.Comparison c : comparisons) assertTrue(c.identical(), c.toString());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("Bit-identical"));
    }

    @Test
    void reproduceReportsADifferenceWhenTheRecordDoesNotMatch() throws Exception {
        ExperimentTestSupport.run(ExperimentTestSupport.TINY, "default", dir, new ByteArrayOutputStream());
        Path runs = dir.resolve(ResultStore.RUNS);
        String text = Files.readString(runs);
        RunRecord first = ResultStore.readRuns(dir).get(0);
        String tampered = text.replaceFirst("\"testError\":" + first.testError(), "\"testError\":0.5");
        assertNotEquals(text, tampered);
        Files.writeString(runs, tampered, StandardOpenOption.TRUNCATE_EXISTING);
        List<Reproducer.Comparison> comparisons = Reproducer.reproduce(dir.resolve("runs/" + first.runId()), null,
                new java.io.PrintStream(new ByteArrayOutputStream(), true));
        assertEquals(List.of("test error"), comparisons.stream().filter(c -> !c.identical()).map(Reproducer.Comparison::metric).toList());
    }

    @Test
    void reproduceSaysWhatToExpectWhenTheRunWasRecordedOnAnotherMachine() {
        org.dropoutrepro.provenance.Provenance here = new org.dropoutrepro.provenance.Provenance("t", List.of(), java.util.Map.of(), "17",
                "Linux", "AMD EPYC (family 23, model 49; AVX2)", 2, null, "Cpu", "openblas", "abc", false);
        org.dropoutrepro.provenance.Provenance zen4 = new org.dropoutrepro.provenance.Provenance("t", List.of(), java.util.Map.of(), "17",
                "Linux", "AMD EPYC (family 25, model 17; AVX-512)", 2, null, "Cpu", "openblas", "abc", false);
        org.dropoutrepro.provenance.Provenance bare = new org.dropoutrepro.provenance.Provenance("t", List.of(), java.util.Map.of(), "17",
                "Linux", "AMD EPYC", 2, null, "Cpu", "openblas", "abc", false);
        assertEquals(null, Reproducer.machineNote(here, here));
        assertEquals(null, Reproducer.machineNote(null, here));
        assertTrue(Reproducer.machineNote(zen4, here).startsWith("The run was recorded on another machine (AMD EPYC (family 25"));
        assertTrue(Reproducer.machineNote(bare, here).startsWith("The run was recorded on a CPU named only 'AMD EPYC'"));
    }
}
