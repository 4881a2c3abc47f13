package org.dropoutrepro.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.dropoutrepro.runtime.NativeBlas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where and how a result was made: library versions, JDK, OS, CPU model and thread count, ND4J backend and BLAS,
 * git commit and whether the tree was dirty, the exact command and the time. Recorded beside every run
 * (after Tribuo's ModelProvenance). Machine paths are left out on purpose: reports are committed.
 */
public record Provenance(String recordedAt, List<String> command, Map<String, String> libraries, String java,
                         String os, String cpuModel, int availableProcessors, String ompNumThreads,
                         String nd4jBackend, String blas, String gitCommit, Boolean gitDirty) {

    /** The provenance of the current process, started with {@code command}. */
    public static Provenance capture(List<String> command) {
        return capture(command, null);
    }

    /**
     * The provenance of the current process, started with {@code command}, writing its results to
     * {@code outputDir}: changes to results (under {@code reports/} and {@code runs/}, and inside that directory,
     * e.g. a committed report being regenerated) do not make the tree count as dirty, since they are not the code
     * that trains.
     */
    public static Provenance capture(List<String> command, Path outputDir) {
        Map<String, String> libraries = new LinkedHashMap<>();
        libraries.put("dropout-repro", version("org.dropoutrepro", "dropout-repro"));
        libraries.put("deeplearning4j-nn", version("org.deeplearning4j", "deeplearning4j-nn"));
        libraries.put("nd4j-api", version("org.nd4j", "nd4j-api"));
        libraries.put("nd4j-native", version("org.nd4j", "nd4j-native"));
        libraries.put("arbiter-core", version("org.deeplearning4j", "arbiter-core"));
        return new Provenance(Instant.now().toString(), List.copyOf(command), libraries,
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readCpuModel(), Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"),
                Nd4j.getBackend().getClass().getSimpleName(), NativeBlas.inUse(), git("rev-parse", "HEAD"), readGitDirty(outputDir));
    }

    private static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in == null) return "unknown";
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The machine as far as the bits of a training depend on it: the CPU's description, its hardware threads and the BLAS. */
    public String machine() {
        return cpuModel + ", " + availableProcessors + " threads, BLAS " + blas;
    }

    /**
     * Whether {@code a} and {@code b} ran on the same kind of machine for the bits of a training (the same CPU
     * description, hardware threads and BLAS: OpenBLAS picks its kernels and how it splits a product by CPU and
     * threads, and they group the sums differently); null when that is not known: one records the CPU by a bare name
     * (from before CPUs were described by family and model) that the other's description starts with.
     */
    public static Boolean sameMachine(Provenance a, Provenance b) {
        if (a.availableProcessors != b.availableProcessors || !Objects.equals(a.blas, b.blas)) return false;
        if (Objects.equals(a.cpuModel, b.cpuModel)) return true;
        String nameA = bareName(a.cpuModel);
        String nameB = bareName(b.cpuModel);
        if (!nameA.equals(nameB)) return false;
        return a.cpuModel.equals(nameA) || b.cpuModel.equals(nameB) ? null : false;
    }

    private static String bareName(String cpuModel) {
        return cpuModel == null ? "" : cpuModel.contains(" (") ? cpuModel.substring(0, cpuModel.indexOf(" (")) : cpuModel;
    }

    /**
     * The CPU's model name, with its family and model numbers and its widest vector extension where /proc/cpuinfo
     * gives them: under a hypervisor the name can be as bare as "AMD EPYC" for CPUs whose kernels, and so whose
     * BLAS bits and speeds, differ (e.g. "AMD EPYC (family 23, model 49; AVX2)" against family 25 with AVX-512).
     */
    static String readCpuModel() {
        try {
            return describeCpu(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch"); // not Linux
        }
    }

    /** {@link #readCpuModel}'s description from the lines of /proc/cpuinfo (its first processor's). */
    static String describeCpu(List<String> cpuinfo) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : cpuinfo) {
            if (line.isBlank() && !fields.isEmpty()) break; // the first processor only
            int colon = line.indexOf(':');
            if (colon > 0) fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        String name = fields.getOrDefault("model name", System.getProperty("os.arch"));
        List<String> details = new java.util.ArrayList<>();
        if (fields.containsKey("cpu family") && fields.containsKey("model")) {
            details.add("family " + fields.get("cpu family") + ", model " + fields.get("model"));
        }
        List<String> flags = List.of(fields.getOrDefault("flags", "").split("\\s+"));
        String vector = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : flags.contains("avx") ? "AVX" : null;
        if (vector != null) details.add(vector);
        return details.isEmpty() ? name : name + " (" + String.join("; ", details) + ")";
    }

    private static Boolean readGitDirty(Path outputDir) {
        List<String> arguments = new java.util.ArrayList<>(List.of("status", "--porcelain", "--untracked-files=no", "--", ".",
                ":(top,exclude)reports", ":(top,exclude)runs"));
        if (outputDir != null) {
            Path here = Path.of("").toAbsolutePath();
            Path relative = here.relativize(outputDir.toAbsolutePath().normalize());
            if (!relative.toString().isEmpty() && !relative.startsWith("..")) {
                arguments.add(":(exclude)" + relative.toString().replace('\\', '/'));
            }
        }
        String status = git(arguments.toArray(String[]::new));
        return status == null ? null : !status.isEmpty();
    }


    /** Output of a git command in the working directory, or null when git or the repository is absent. */
    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) return null;
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
