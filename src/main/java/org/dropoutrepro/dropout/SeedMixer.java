package org.dropoutrepro.dropout;

/**
 * Derives the seed of one dropout mask from (network seed, layer index, iteration, epoch), so a mask depends only on
 * where and when it is drawn and never on a generator shared with other layers, networks or threads.
 *
 * <p>The mixing function is the finaliser of SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): a bijection on 64-bit values with full avalanche, so neighbouring inputs (iteration 7
 * and 8, layer 1 and 2) give unrelated seeds. Each coordinate is folded in with its own odd constant and a full mix.
 */
public final class SeedMixer {

    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedMixer() {
    }

    /** SplitMix64's output function: a bijective, avalanching 64-bit mix. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of the mask drawn by layer {@code layerIndex} of network {@code networkSeed} at (iteration, epoch). */
    public static long maskSeed(long networkSeed, int layerIndex, int iteration, int epoch) {
        long h = mix(networkSeed + GOLDEN_GAMMA);
        h = mix(h ^ mix(layerIndex + 0x632BE59BD9B4E019L));
        h = mix(h ^ mix(iteration + 0x8CB92BA72F3D8DD7L));
        return mix(h ^ mix(epoch + 0xD6E8FEB86659FD93L));
    }

    /** A seed derived from a base seed and a sequence number (e.g. the pass of a Monte-Carlo average). */
    public static long derive(long baseSeed, long sequenceNumber) {
        return mix(mix(baseSeed + GOLDEN_GAMMA) ^ mix(sequenceNumber + 0x2545F4914F6CDD1DL));
    }
}
