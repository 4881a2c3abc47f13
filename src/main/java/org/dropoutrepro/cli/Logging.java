package org.dropoutrepro.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Switches the toolkit from quiet (the default, see logback.xml) to verbose, where DL4J's own messages show. */
final class Logging {

    private Logging() {
    }

    static void verbose() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : new String[] {"org.nd4j", "org.deeplearning4j", "org.bytedeco", Logger.ROOT_LOGGER_NAME}) {
            context.getLogger(name).setLevel(Level.INFO);
        }
    }
}
