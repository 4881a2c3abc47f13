package org.dropoutrepro.exec.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark master URL as {@code --master} takes it, checked before Spark sees it: Spark's own errors for a
 * malformed URL come late, and for an unreachable standalone master only after about a minute of retries.
 */
public record SparkMaster(String url) {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)(,\\d+)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,\\s]+:\\d{1,5})(,[^:/,\\s]+:\\d{1,5})*");
    private static final Pattern OTHER = Pattern.compile("yarn|k8s://\\S+|local-cluster\\[\\d+,\\d+,\\d+]");

    /** Checks the form of {@code url}; an {@link IllegalArgumentException} says what is accepted. */
    public static SparkMaster parse(String url) {
        String trimmed = url == null ? "" : url.strip();
        if (LOCAL.matcher(trimmed).matches() || STANDALONE.matcher(trimmed).matches() || OTHER.matcher(trimmed).matches()) {
            return new SparkMaster(trimmed);
        }
        throw new IllegalArgumentException("--master '" + url + "' is not a Spark master URL; expected local[N] or local[*] "
                + "(embedded), spark://HOST:PORT (a standalone cluster), yarn or k8s://https://HOST:PORT");
    }

    public boolean isLocal() {
        return url.startsWith("local");
    }

    public boolean isStandalone() {
        return url.startsWith("spark://");
    }

    /** The tasks at once of a {@code local[N]} master (all cores for {@code local[*]}), or 0 for a cluster. */
    public int localSlots() {
        Matcher local = LOCAL.matcher(url);
        if (!local.matches()) return 0;
        if (local.group(2) == null) return 1;
        return local.group(2).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(local.group(2));
    }

    /**
     * For a standalone master, connects to each HOST:PORT within {@code timeoutMillis}; throws an
     * {@link IllegalStateException} naming the address if none answers.
     */
    public void checkReachable(int timeoutMillis) {
        if (!isStandalone()) return;
        List<String> failures = new ArrayList<>();
        for (String address : url.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                        timeoutMillis);
                return;
            } catch (IOException | IllegalArgumentException e) {
                failures.add(address + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new IllegalStateException("cannot reach the Spark master " + url + ": " + String.join(", ", failures)
                + ". Is the master running, and is this the address of its RPC port (spark://HOST:7077 by default, "
                + "not the web UI's 8080)?");
    }
}
