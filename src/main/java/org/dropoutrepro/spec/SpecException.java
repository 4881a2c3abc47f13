package org.dropoutrepro.spec;

/** A spec that cannot run: names where (file and line, or the override's origin), the key, and what is allowed. */
public final class SpecException extends RuntimeException {

    private final String where;
    private final String key;

    public SpecException(String where, String key, String problem) {
        super(where + ": " + (key == null ? "" : "key '" + key + "': ") + problem);
        this.where = where;
        this.key = key;
    }

    /** File and line ("experiments/x.yaml:12"), or the origin of a programmatic override. */
    public String where() {
        return where;
    }

    /** The dotted key at fault, or null for a problem with the file as a whole. */
    public String key() {
        return key;
    }
}
