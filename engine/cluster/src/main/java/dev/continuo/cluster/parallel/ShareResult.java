package dev.continuo.cluster.parallel;

import dev.continuo.engine.model.GradientSteps;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sum of one or more replicas' gradients of an update, with their losses and (for a generator update) their
 * BatchNorm batch statistics, on its way to the driver: sums add up in Spark's tree reduction, and the driver
 * divides by the number of shares.
 *
 * @param gradients  gradient sums by weight name, C order
 * @param shapes     every gradient's shape
 * @param losses     loss sums: critic loss, Wasserstein estimate, penalty; or generator loss, reconstruction
 * @param statistics BatchNorm mean and variance sums by layer prefix (generator updates only)
 * @param shares     replicas summed
 */
record ShareResult(LinkedHashMap<String, float[]> gradients, LinkedHashMap<String, long[]> shapes, double[] losses,
        LinkedHashMap<String, float[][]> statistics, int shares) implements Serializable {

    static ShareResult ofCritic(GradientSteps.CriticStep step) {
        return new ShareResult(flat(step.gradients()), shapes(step.gradients()),
                new double[] {step.loss(), step.wasserstein(), step.penalty()}, new LinkedHashMap<>(), 1);
    }

    static ShareResult ofGenerator(GradientSteps.GeneratorStep step) {
        LinkedHashMap<String, float[][]> statistics = new LinkedHashMap<>();
        step.statistics().forEach((prefix, meanAndVariance) -> statistics.put(prefix, new float[][] {
            meanAndVariance[0].dup('c').data().asFloat(), meanAndVariance[1].dup('c').data().asFloat()}));
        return new ShareResult(flat(step.gradients()), shapes(step.gradients()),
                new double[] {step.loss(), step.reconstruction()}, statistics, 1);
    }

    /** This sum plus another (this one's arrays are reused). */
    ShareResult plus(ShareResult other) {
        gradients.forEach((name, sum) -> add(sum, other.gradients.get(name)));
        for (int i = 0; i < losses.length; i++) {
            losses[i] += other.losses[i];
        }
        statistics.forEach((prefix, sums) -> {
            add(sums[0], other.statistics.get(prefix)[0]);
            add(sums[1], other.statistics.get(prefix)[1]);
        });
        return new ShareResult(gradients, shapes, losses, statistics, shares + other.shares);
    }

    /** The mean critic step over the shares. */
    GradientSteps.CriticStep meanCritic() {
        return new GradientSteps.CriticStep(mean(), losses[0] / shares, losses[1] / shares, losses[2] / shares);
    }

    /** The mean generator step over the shares, statistics averaged too. */
    GradientSteps.GeneratorStep meanGenerator() {
        Map<String, INDArray[]> means = new LinkedHashMap<>();
        statistics.forEach((prefix, sums) -> means.put(prefix, new INDArray[] {scaled(sums[0]), scaled(sums[1])}));
        return new GradientSteps.GeneratorStep(mean(), losses[0] / shares, losses[1] / shares, means);
    }

    private Map<String, INDArray> mean() {
        Map<String, INDArray> mean = new LinkedHashMap<>();
        gradients.forEach((name, sum) -> mean.put(name, Nd4j.create(scaledValues(sum), shapes.get(name), 'c')));
        return mean;
    }

    private INDArray scaled(float[] sum) {
        return Nd4j.create(scaledValues(sum));
    }

    private float[] scaledValues(float[] sum) {
        float[] values = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            values[i] = sum[i] / shares;
        }
        return values;
    }

    private static void add(float[] sum, float[] value) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += value[i];
        }
    }

    private static LinkedHashMap<String, float[]> flat(Map<String, INDArray> arrays) {
        LinkedHashMap<String, float[]> flat = new LinkedHashMap<>();
        arrays.forEach((name, array) -> flat.put(name, array.dup('c').data().asFloat()));
        return flat;
    }

    private static LinkedHashMap<String, long[]> shapes(Map<String, INDArray> arrays) {
        LinkedHashMap<String, long[]> shapes = new LinkedHashMap<>();
        arrays.forEach((name, array) -> shapes.put(name, array.shape()));
        return shapes;
    }
}
