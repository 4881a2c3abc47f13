package org.dropoutrepro.experiment;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.spec.ExperimentSpec;
import org.dropoutrepro.spec.SpecLoader;

/** Runs the test specs under src/test/resources/specs in this JVM. */
final class ExperimentTestSupport {

    static final Path TINY = Path.of("src/test/resources/specs/tiny.yaml");
    static final Path DIVERGING = Path.of("src/test/resources/specs/diverging.yaml");

    private ExperimentTestSupport() {
    }

    static Path run(Path spec, String profile, Path out, ByteArrayOutputStream console) throws Exception {
        return run(spec, profile, out, console, 1);
    }

    static Path run(Path spec, String profile, Path out, ByteArrayOutputStream console, int parallel) throws Exception {
        ExperimentSpec experiment = SpecLoader.load(spec);
        return ExperimentRunner.run(experiment, new RunOptions(profile, out, null, false, List.of("test"),
                new PrintStream(console, true), false, parallel));
    }
}
