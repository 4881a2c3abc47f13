package org.dropoutrepro.data;

import java.nio.file.Path;
import java.util.List;
import org.dropoutrepro.spec.Sections;
import org.dropoutrepro.spec.Task;

/**
 * A kind of data set ({@code data.dataset}): its name, its task, the spec keys it reads beyond the common
 * split keys, and how to load it. {@link DataRegistry} caches what {@link #load} returns under
 * {@link #loadKey}, so everything that determines the loaded arrays must be in the key.
 */
public interface DataSource {

    /** The keys every data set takes: the name, the hold-out and subset sizes, their seed, and the normalizer. */
    List<String> COMMON_KEYS = List.of("data.dataset", "data.validationSize", "data.trainSize", "data.testSize", "data.splitSeed",
            "data.normalize");

    /** The value of {@code data.dataset}. */
    String name();

    /** The spec keys this source reads besides {@link #COMMON_KEYS}; any other data key must stay at its default. */
    List<String> keys();

    /** What a network trained on this data predicts. */
    Task task(Sections.Data spec);

    /** Identifies the loaded data; {@code dirOverride} is --data-dir. */
    String loadKey(Sections.Data spec, Path dirOverride);

    /** Reads and checks the data, or throws a {@link DataFileException} naming the file (and line and column) at fault. */
    RawData load(Sections.Data spec, Path dirOverride);
}
