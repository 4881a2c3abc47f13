package org.dropoutrepro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.results.Json;
import org.dropoutrepro.runtime.ThreadEnvironment;

/**
 * The same MLP in PyTorch (Debian's python3-torch), run from the bench command as a peer row: no
 * dropout, dropout, dropout + max-norm; under this process's thread settings and, when those are not
 * the libraries' defaults, under the defaults too, so that PyTorch is compared at its better one. Absent
 * PyTorch, the row is skipped with a note.
 */
final class TorchPeer {

    private TorchPeer() {
    }

    /** Interpreters tried in turn: the one on PATH, then Debian's (where python3-torch installs). */
    private static final List<String> INTERPRETERS = List.of("python3", "/usr/bin/python3");

    /** The first interpreter that can {@code import torch}, or null. */
    static String interpreter() {
        for (String python : INTERPRETERS) {
            try {
                Process process = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) return python;
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** PyTorch's version string, e.g. "1.13.1". */
    static String version(String python) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /**
     * Median examples/s of one PyTorch configuration, in this process's environment or, with
     * {@code threadDefaults}, without the {@link ThreadEnvironment} variables.
     */
    static double examplesPerSecond(String python, BenchOptions options, boolean dropout, boolean maxNorm, int threads,
                                    boolean threadDefaults) throws IOException, InterruptedException {
        return examplesPerSecond(python, options, dropout, maxNorm, threads, threadDefaults, options.repeats());
    }

    /** {@link #examplesPerSecond(String, BenchOptions, boolean, boolean, int, boolean)} over {@code repeats} rounds. */
    static double examplesPerSecond(String python, BenchOptions options, boolean dropout, boolean maxNorm, int threads,
                                    boolean threadDefaults, int repeats) throws IOException, InterruptedException {
        String script;
        try (InputStream in = TorchPeer.class.getResourceAsStream("torch_mlp.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("batch", options.batchSize());
        args.put("widths", options.hiddenWidths());
        args.put("inputRetain", options.inputRetain());
        args.put("hiddenRetain", options.hiddenRetain());
        args.put("dropout", dropout);
        args.put("maxNorm", maxNorm ? options.maxNorm() : null);
        args.put("seconds", options.secondsPerMeasurement());
        args.put("repeats", repeats);
        args.put("threads", threads);
        ProcessBuilder builder = new ProcessBuilder(python, "-c", script, Json.MAPPER.writeValueAsString(args))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (threadDefaults) builder.environment().keySet().removeAll(ThreadEnvironment.VARIABLES);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("the PyTorch peer failed: " + out);
        }
        return Json.MAPPER.readTree(out).get("examplesPerSecond").asDouble();
    }
}
