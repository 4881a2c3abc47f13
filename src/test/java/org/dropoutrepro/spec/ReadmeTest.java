package org.dropoutrepro.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README documents every spec key with its default: the table there must be the schema's own. */
class ReadmeTest {

    @Test
    void readmeHasTheCurrentKeyTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(SpecSchema.markdownTable()),
                "README.md's key table is out of date: paste the output of './dropout run --keys'");
    }

    @Test
    void readmeLeadsWithTheQuickstartAndTheTestCommand() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String ci = Files.readString(Path.of(".ci/run"));
        int run = readme.indexOf("./dropout run experiments/quickstart.yaml");
        int test = readme.indexOf("mvn -B test");
        assertTrue(run > 0 && test > run && test < 1500, "the two commands lead the README");
        // CI runs README's test command, then the slow tier as README's "Tests" section gives it
        assertTrue(ci.contains("\nmvn -B test\n"), ".ci/run runs README's test command");
        assertTrue(ci.strip().endsWith("mvn -B test -Pslow") && readme.contains("mvn -B test -Pslow"),
                ".ci/run ends with README's slow-tier command");
    }
}
