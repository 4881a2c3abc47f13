package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dropoutrepro.experiment.Reproducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropout reproduce RUN}: retrain one recorded run and compare it bit for bit. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Retrain one recorded run from its resolved configuration and seed and say, metric by metric,",
                "whether it came out bit-identical. Exit code 0 when identical, 1 when not."})
final class ReproduceCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RUN", description = "EXPERIMENT_DIR/runs/RUN_ID, e.g. reports/quickstart/runs/c1-dropout-s1.")
    Path run;

    @Mixin
    DataDirOption dataOption;

    @Override
    public Integer call() throws Exception {
        boolean identical = Reproducer.reproduce(run, dataOption.dataDir, System.out).stream().allMatch(Reproducer.Comparison::identical);
        return identical ? 0 : 1;
    }
}
