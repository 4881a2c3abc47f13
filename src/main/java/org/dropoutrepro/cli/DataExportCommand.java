package org.dropoutrepro.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dropoutrepro.data.DataRegistry;
import org.dropoutrepro.data.ImageExport;
import org.dropoutrepro.data.RawData;
import org.dropoutrepro.spec.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dropout data export fashion-mnist --images DIR}: an image folder for {@code dataset: image-folder}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write Fashion-MNIST as PNG images, one folder per class: DIR/train/<class>/ and DIR/test/<class>/",
                "(the first N images of each class in file order), for 'dataset: image-folder'."})
final class DataExportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "NAME", description = "The data set to export: fashion-mnist.")
    String name;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder to write the images into.")
    Path dir;

    @Option(names = "--per-class", paramLabel = "N", description = "Training images per class (default ${DEFAULT-VALUE}).")
    int perClass = 500;

    @Option(names = "--test-per-class", paramLabel = "N", description = "Test images per class (default ${DEFAULT-VALUE}).")
    int testPerClass = 100;

    @Mixin
    DataDirOption dataOption;

    @Override
    public Integer call() throws Exception {
        if (!"fashion-mnist".equals(name)) throw new IllegalArgumentException("export: unknown data set '" + name + "'; expected fashion-mnist");
        if (perClass < 1 || testPerClass < 1) throw new IllegalArgumentException("--per-class and --test-per-class must be at least 1");
        RawData data = DataRegistry.raw(RunConfig.defaults().withOverrides(Map.of("data.dataset", name), "command line").data(), dataOption.dataDir);
        int count = ImageExport.export(data, ImageExport.FASHION_MNIST_CLASSES, dir, perClass, testPerClass);
        System.out.printf("%s: wrote %d images (%d per class for training, %d for test) into %s/train and %s/test%n", name, count, perClass,
                testPerClass, dir, dir);
        return 0;
    }
}
