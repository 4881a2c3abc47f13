package org.dropoutrepro.cli;

import org.dropoutrepro.data.DataFileException;
import org.dropoutrepro.results.ExperimentLock;
import org.dropoutrepro.spec.SpecException;
import picocli.CommandLine;

/** Prints a failure as one clear line (the whole stack trace with --verbose) and maps it to an exit code. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
        if (verbose) e.printStackTrace();
        boolean badInput = e instanceof SpecException || e instanceof DataFileException || e instanceof ExperimentLock.Busy
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        commandLine.getErr().println("error: " + message + (verbose || badInput ? "" : " (run with --verbose for details)"));
        return badInput ? 2 : 1;
    }
}
