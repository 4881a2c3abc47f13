package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dropoutrepro.data.FileHash;
import org.dropoutrepro.data.RawData;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.spec.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropout data [NAME...]}: fetch (where needed), check and describe data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, subcommands = DataExportCommand.class,
        description = {"Load data sets (fetching mnist-10k and fashion-mnist on first use), check every file, and print sizes and SHA-256s.",
                "Data sets: mnist (needs --data-dir), fashion-mnist, mnist-10k, synthetic-regression.",
                "'data export fashion-mnist --images DIR' writes an image folder for 'dataset: image-folder'."})
final class DataCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Data sets to check; default: mnist-10k and fashion-mnist.")
    List<String> names = List.of("mnist-10k", "fashion-mnist");

    @Mixin
    DataDirOption dataOption;

    @Override
    public Integer call() {
        int failures = 0;
        for (String name : names) {
            try {
                RawData data = DataRegistry.raw(RunConfig.defaults().withOverrides(Map.of("data.dataset", name), "command line").data(), dataOption.dataDir);
                System.out.printf("%s: %d training-pool and %d test examples, %d inputs, %d outputs%n", name,
                        data.trainFeatures().rows(), data.testFeatures().rows(), data.inputSize(), data.outputSize());
                System.out.println("  " + data.note());
                for (FileHash file : data.files()) System.out.printf("  %s  %s (%d bytes)%n", file.sha256(), file.file(), file.bytes());
            } catch (RuntimeException e) {
                failures++;
                System.out.println(name + ": not available: " + e.getMessage());
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
