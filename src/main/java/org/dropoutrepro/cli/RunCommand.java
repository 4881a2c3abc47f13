package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dropoutrepro.exec.TaskExecutors;
import org.dropoutrepro.experiment.ExperimentRunner;
import org.dropoutrepro.experiment.RunOptions;
import org.dropoutrepro.report.ReportWriter;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.SpecLoader;
import org.dropoutrepro.spec.SpecSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropout run SPEC}: train every configuration x seed of an experiment, resumably, then write its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train every configuration x seed of an experiment spec and write runs/<name>/REPORT.md",
                "(compared with the committed reports/<name>/ when there is one).",
                "Finished runs are kept: after an interruption, the same command resumes."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "SPEC", description = "Experiment spec (YAML), e.g. experiments/quickstart.yaml.")
    Path spec;

    @Option(names = "--profile", paramLabel = "NAME", description = "A profile of the spec (e.g. smoke, paper); default: the spec as written.")
    String profile = ExperimentSpec.DEFAULT_PROFILE;

    @Mixin
    DataDirOption dataOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Experiment directory; default runs/<name>[-<profile>]; --out reports/<name> regenerates a committed report.")
    Path out;

    @Option(names = "--fresh", description = "Discard results already in the experiment directory and train everything again.")
    boolean fresh;

    @Option(names = "--parallel", paramLabel = "N", description = "Runs trained at once (default 1; with --master: N of local[N], or the cluster's "
            + "cores / spark.task.cpus); each is bit-identical to the same run trained alone.")
    Integer parallel;

    @Option(names = "--master", paramLabel = "URL", description = "Train on Spark: local[N] (embedded, nothing to install), "
            + "spark://HOST:PORT (a standalone cluster), yarn or k8s://...; default: the environment variable "
            + TaskExecutors.MASTER_VARIABLE + " if set, else in this process. See README, 'Checkpoints and Spark'.", defaultValue = "${env:" + TaskExecutors.MASTER_VARIABLE + "}")
    String master;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", description = "Within an epoch, save a run's checkpoint every M "
            + "minutes (default ${DEFAULT-VALUE}; 0: at the end of each epoch only). Checkpoints are always saved at epoch ends.")
    double checkpointMinutes = RunOptions.DEFAULT_CHECKPOINT_MINUTES;

    @Option(names = "--keys", description = "Print every spec key with its default and allowed values (Markdown) and exit.")
    boolean keys;

    @Override
    public Integer call() throws Exception {
        if (keys) {
            System.out.print(SpecSchema.markdownTable());
            return 0;
        }
        if (spec == null) throw new IllegalArgumentException("missing SPEC: e.g. ./dropout run experiments/quickstart.yaml");
        ExperimentSpec experiment = SpecLoader.load(spec);
        List<String> command = new ArrayList<>(List.of("./dropout", "run", spec.toString()));
        if (!ExperimentSpec.DEFAULT_PROFILE.equals(profile)) command.addAll(List.of("--profile", profile));
        if (out != null) command.addAll(List.of("--out", out.toString()));
        if (master != null && !master.isBlank()) command.addAll(List.of("--master", master));
        Path dir = ExperimentRunner.run(experiment, new RunOptions(profile, out, dataOption.dataDir, fresh, command, System.out,
                System.console() != null, slots(), master, checkpointMinutes));
        ReportWriter.write(dir).print(System.out);
        return 0;
    }

    /** Runs at once: as given; else 1 in this process, and with a master 0, which lets the master's size decide. */
    private int slots() {
        if (parallel != null) {
            if (parallel < 1) throw new IllegalArgumentException("--parallel must be at least 1, not " + parallel);
            return parallel;
        }
        return master != null && !master.isBlank() ? 0 : 1;
    }
}
