package org.dropoutrepro.runtime;

/**
 * JavaCPP's check of the process's physical memory, switched off before ND4J loads. JavaCPP (under ND4J
 * beta7) reads /proc/self/statm on every off-heap allocation to compare the resident size with a limit;
 * a training step allocates dozens of small arrays, and the profile of the standard net put about 1% of
 * a step in those reads (see reports/performance). The limit on JavaCPP's own allocations
 * ({@code org.bytedeco.javacpp.maxBytes}, from -Xmx) still applies.
 */
public final class NativeMemory {

    /** The JavaCPP property that sets the physical-memory limit; 0 switches the check off. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    private NativeMemory() {
    }

    /** Switches the check off unless the property was given (e.g. with -D on the command line); call before ND4J loads. */
    public static void configure() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) System.setProperty(MAX_PHYSICAL_BYTES, "0");
    }
}
