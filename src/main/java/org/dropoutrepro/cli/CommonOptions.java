package org.dropoutrepro.cli;

import picocli.CommandLine.Option;

/** Options every verb takes. */
final class CommonOptions {

    @Option(names = "--verbose", description = "Show DL4J's and ND4J's own log messages and full stack traces.")
    void setVerbose(boolean verbose) {
        if (verbose) Logging.verbose();
    }
}
