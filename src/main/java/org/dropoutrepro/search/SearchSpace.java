package org.dropoutrepro.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

/**
 * The search space as one Arbiter {@link ParameterSpace}: a leaf per searched spec key (Arbiter's continuous,
 * log-uniform, integer and discrete spaces), whose value is the map from key to sampled value that
 * {@link org.dropoutrepro.spec.RunConfig#withOverrides} resolves into a trial's configuration.
 *
 * <p>Every key gets a leaf instance of its own: Arbiter de-duplicates leaves by identity, so two keys with the
 * same range still get independent values. n/p widening (Appendix A.1) needs no derived space here: with
 * {@code architecture.widenByRetain: true} the network factory widens each hidden layer from the same resolved
 * {@code dropout.hiddenRetain} the trial sampled, in double arithmetic (Arbiter's {@code MathOp} on an integer
 * space would truncate the retain probability to 0).
 */
final class SearchSpace implements ParameterSpace<Map<String, Object>> {

    private final Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();

    SearchSpace(List<SearchSpec.Dimension> dimensions) {
        for (SearchSpec.Dimension d : dimensions) leaves.put(d.key(), leaf(d));
    }

    private static ParameterSpace<?> leaf(SearchSpec.Dimension d) {
        return switch (d.scale()) {
            case LINEAR -> new ContinuousParameterSpace(d.min(), d.max());
            case LOG -> new ContinuousParameterSpace(new LogUniformDistribution(d.min(), d.max()));
            case INTEGER -> new IntegerParameterSpace((int) Math.round(d.min()), (int) Math.round(d.max()));
            case DISCRETE -> new DiscreteParameterSpace<>(new ArrayList<>(d.values()));
        };
    }

    /** The number of candidates of Arbiter's grid with {@code gridPoints} values per continuous axis. */
    int gridSize(int gridPoints) {
        return new GridSearchCandidateGenerator(this, gridPoints, GridSearchCandidateGenerator.Mode.Sequential, null)
                .getTotalNumCandidates();
    }

    @Override
    public Map<String, Object> getValue(double[] parameterValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        leaves.forEach((key, leaf) -> values.put(key, leaf.getValue(parameterValues)));
        return values;
    }

    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        for (ParameterSpace<?> leaf : leaves.values()) out.addAll(leaf.collectLeaves());
        return out;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(leaves));
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("the search space is not a leaf; Arbiter indexes its leaves");
    }
}
