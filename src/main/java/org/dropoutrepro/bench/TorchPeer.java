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
     * Median examples/s over {@code options.repeats()} rounds of one PyTorch configuration, in one process run at the
     * libraries' default thread settings (without the {@link ThreadEnvironment} variables): the peer's information row.
     * The paired rounds under this process's settings are {@link Server}'s.
     */
    static double examplesPerSecondAtLibraryDefaults(String python, BenchOptions options, boolean dropout, boolean maxNorm,
                                                     int threads) throws IOException, InterruptedException {
        Map<String, Object> args = arguments(options, dropout, maxNorm, threads);
        args.put("repeats", options.repeats());
        Process process = start(python, args, true);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("the PyTorch peer failed: " + out);
        }
        return Json.MAPPER.readTree(out).get("examplesPerSecond").asDouble();
    }

    private static Map<String, Object> arguments(BenchOptions options, boolean dropout, boolean maxNorm, int threads) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("batch", options.batchSize());
        args.put("widths", options.hiddenWidths());
        args.put("inputRetain", options.inputRetain());
        args.put("hiddenRetain", options.hiddenRetain());
        args.put("dropout", dropout);
        args.put("maxNorm", maxNorm ? options.maxNorm() : null);
        args.put("seconds", options.secondsPerMeasurement());
        args.put("threads", threads);
        return args;
    }

    private static Process start(String python, Map<String, Object> args, boolean threadDefaults) throws IOException {
        String script;
        try (InputStream in = TorchPeer.class.getResourceAsStream("torch_mlp.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder(python, "-c", script, Json.MAPPER.writeValueAsString(args))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (threadDefaults) builder.environment().keySet().removeAll(ThreadEnvironment.VARIABLES);
        return builder.start();
    }

    /**
     * One PyTorch network kept alive for paired rounds, under this process's thread settings: it warms up once when
     * started, then {@link #round} times one round of it.
     */
    static final class Server implements AutoCloseable {

        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;

        Server(String python, BenchOptions options, boolean dropout, boolean maxNorm, int threads) throws IOException {
            Map<String, Object> args = arguments(options, dropout, maxNorm, threads);
            args.put("serve", true);
            process = start(python, args, false);
            out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Examples/s of one round. */
        double round() throws IOException {
            in.write("round\n");
            in.flush();
            String line = out.readLine();
            if (line == null) throw new IOException("the PyTorch peer ended before its round (see its messages above)");
            return Json.MAPPER.readTree(line).get("examplesPerSecond").asDouble();
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
