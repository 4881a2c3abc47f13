package org.dropoutrepro.cli;

import org.dropoutrepro.runtime.NativeBlas;
import org.dropoutrepro.runtime.NativeMemory;
import org.dropoutrepro.runtime.OperationThreads;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dropout} command: reproduce the Dropout paper (Srivastava et al., JMLR 2014) on DL4J. */
@Command(name = "dropout", mixinStandardHelpOptions = true, version = "dropout-repro 0.1.0",
        description = "Reproduces Srivastava et al., \"Dropout\" (JMLR 2014) on Deeplearning4j 1.0.0-beta7.",
        subcommands = {RunCommand.class, SearchCommand.class, ReportCommand.class, ReproduceCommand.class, DataCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        NativeMemory.configure();
        try {
            NativeBlas.configure(System.getenv("DROPOUT_BLAS"));
            OperationThreads.parse(System.getenv("DROPOUT_ND4J_THREADS")); // applied when the first network is built
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 success, 1 a failed check, 2 bad input). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
