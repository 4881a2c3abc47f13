package org.dropoutrepro.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * A command line that does not parse: one clear line and exit code 2. A mistyped verb ({@code ./dropout serch})
 * is named as an unknown verb with the nearest existing one (picocli's suggestion); other mistakes get
 * picocli's message and the verb's usage.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    static final int BAD_INPUT = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && command.getParent() == null
                && !command.getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            List<String> suggestions = unmatched.getSuggestions();
            String verb = unmatched.getUnmatched().get(0);
            err.println("error: unknown verb '" + verb + "'" + (suggestions.isEmpty() ? "" : ". Did you mean: " + suggestions.get(0) + "?")
                    + " The verbs: " + String.join(", ", command.getSubcommands().keySet()) + " ('./dropout --help').");
            return BAD_INPUT;
        }
        err.println("error: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) command.usage(err);
        return BAD_INPUT;
    }
}
