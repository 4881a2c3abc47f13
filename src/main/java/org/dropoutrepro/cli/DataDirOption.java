package org.dropoutrepro.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data-dir option of the verbs that load data. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of IDX files for mnist / fashion-mnist (overrides data.dir).")
    Path dataDir;
}
