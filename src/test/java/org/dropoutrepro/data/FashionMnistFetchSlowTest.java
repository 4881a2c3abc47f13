package org.dropoutrepro.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST fetched without root (Debian's package downloaded and unpacked with dpkg-deb), about 31 MB. */
@Tag("slow")
class FashionMnistFetchSlowTest {

    @TempDir
    Path cache;

    @Test
    void fetchesTheFourFilesWithTheirPublishedHashes() {
        Path target = cache.resolve("fashion-mnist");
        FashionMnist.fetch(target);
        for (Map.Entry<String, String> file : FashionMnist.SHA256.entrySet()) {
            assertEquals(file.getValue(), FileHash.of(target.resolve(file.getKey())).sha256(), file.getKey());
        }
        assertEquals(60000, IdxDataSets.load("fashion-mnist", target, "").trainFeatures().rows());
    }
}
