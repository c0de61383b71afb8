package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every array of one GAN, by name: the generator's ("g.*") and critic's ("c.*") trainable parameters and the
 * generator's BatchNorm running statistics ("*.mean", "*.var").
 *
 * <p>Graphs built on these weights share the arrays rather than copying them, so an optimizer step or a running-
 * statistics update is seen by every graph at once. Names, shapes and initialization are fixed by the
 * {@link Architecture}, the generator's by its {@link UNetLayout}: convolution kernels are [4, kernel width, in,
 * out], BatchNorm vectors [1, C, 1, 1]. Not thread-safe.
 */
public final class ModelWeights {

    private final Architecture architecture;
    private final DataType dataType;
    private final Map<String, INDArray> arrays;

    private ModelWeights(Architecture architecture, DataType dataType, Map<String, INDArray> arrays) {
        this.architecture = architecture;
        this.dataType = dataType;
        this.arrays = arrays;
    }

    /**
     * Fresh weights: Glorot-uniform kernels (as Keras, which DeepComposer used), zero biases, BatchNorm scale 1 and
     * shift 0, running mean 0 and variance 1. The same seed gives the same weights.
     */
    public static ModelWeights initialize(Architecture architecture, long seed, DataType dataType) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec spec : specs(architecture)) {
            arrays.put(spec.name(), spec.initial(random, dataType));
        }
        return new ModelWeights(architecture, dataType, arrays);
    }

    /** Weights with the given arrays, which must match the architecture's names and shapes exactly. */
    public static ModelWeights of(Architecture architecture, Map<String, INDArray> loaded) {
        return of(architecture, loaded, specs(architecture));
    }

    /**
     * Generator weights only (what a preset ships; enough to generate, not to train), which must match the
     * architecture's generator names and shapes exactly; critic arrays, if present, are dropped.
     */
    public static ModelWeights generatorOf(Architecture architecture, Map<String, INDArray> loaded) {
        Map<String, INDArray> generator = new LinkedHashMap<>(loaded);
        generator.keySet().removeIf(name -> name.startsWith("c."));
        return of(architecture, generator, specs(architecture).stream().filter(s -> s.name().startsWith("g."))
                .toList());
    }

    /** The generator's arrays alone, shared. */
    public Map<String, INDArray> generatorArrays() {
        Map<String, INDArray> generator = new LinkedHashMap<>();
        arrays.forEach((name, array) -> {
            if (name.startsWith("g.")) {
                generator.put(name, array);
            }
        });
        return generator;
    }

    private static ModelWeights of(Architecture architecture, Map<String, INDArray> loaded,
            List<ParameterSpec> specs) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        DataType dataType = null;
        for (ParameterSpec spec : specs) {
            INDArray array = loaded.get(spec.name());
            if (array == null) {
                throw new IllegalArgumentException("missing array \"" + spec.name() + "\"");
            }
            if (!java.util.Arrays.equals(array.shape(), spec.shape())) {
                throw new IllegalArgumentException("array \"" + spec.name() + "\" has shape "
                        + java.util.Arrays.toString(array.shape()) + ", the architecture needs "
                        + java.util.Arrays.toString(spec.shape()));
            }
            dataType = array.dataType();
            arrays.put(spec.name(), array);
        }
        if (loaded.size() != arrays.size()) {
            List<String> extra = new ArrayList<>(loaded.keySet());
            extra.removeAll(arrays.keySet());
            throw new IllegalArgumentException("arrays the architecture does not have: " + extra);
        }
        return new ModelWeights(architecture, dataType, arrays);
    }

    public Architecture architecture() {
        return architecture;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The array of that name, shared, not copied. */
    public INDArray get(String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no array named \"" + name + "\"");
        }
        return array;
    }

    /** All arrays in a fixed order, shared. */
    public Map<String, INDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Names of the generator's trainable parameters. */
    public List<String> generatorParameters() {
        return arrays.keySet().stream().filter(n -> n.startsWith("g.") && isTrainable(n)).toList();
    }

    /** Names of the critic's trainable parameters. */
    public List<String> criticParameters() {
        return arrays.keySet().stream().filter(n -> n.startsWith("c.")).toList();
    }

    /** Number of trainable values whose names start with the prefix ("g." or "c."). */
    public long parameterCount(String prefix) {
        return arrays.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && isTrainable(e.getKey()))
                .mapToLong(e -> e.getValue().length()).sum();
    }

    /**
     * Copies another model's generator values into this one's (fine-tuning a preset: its generator, a fresh critic).
     *
     * @throws IllegalArgumentException if the generators' arrays differ in names or shapes
     */
    public void takeGenerator(ModelWeights source) {
        Map<String, INDArray> generator = source.generatorArrays();
        List<String> mine = arrays.keySet().stream().filter(n -> n.startsWith("g.")).toList();
        if (!generator.keySet().equals(new java.util.HashSet<>(mine))) {
            throw new IllegalArgumentException("the generators have different layers");
        }
        for (String name : mine) {
            INDArray from = generator.get(name);
            if (!java.util.Arrays.equals(from.shape(), arrays.get(name).shape())) {
                throw new IllegalArgumentException("array \"" + name + "\" has shape "
                        + java.util.Arrays.toString(from.shape()) + ", this model's "
                        + java.util.Arrays.toString(arrays.get(name).shape()));
            }
            arrays.get(name).assign(from.castTo(dataType));
        }
    }

    /** A deep copy. */
    public ModelWeights copy() {
        Map<String, INDArray> copies = new LinkedHashMap<>();
        arrays.forEach((name, array) -> copies.put(name, array.dup()));
        return new ModelWeights(architecture, dataType, copies);
    }

    private static boolean isTrainable(String name) {
        return !name.endsWith(".mean") && !name.endsWith(".var");
    }

    /** Name and shape of one array, and how it starts out. */
    record ParameterSpec(String name, long[] shape, Init init) {

        enum Init { GLOROT, ZERO, ONE }

        INDArray initial(SplittableRandom random, DataType dataType) {
            long length = 1;
            for (long dim : shape) {
                length *= dim;
            }
            double[] values = new double[(int) length];
            switch (init) {
                case ONE -> java.util.Arrays.fill(values, 1);
                case ZERO -> { }
                case GLOROT -> {
                    long receptive = shape.length == 4 ? shape[0] * shape[1] : 1;
                    long fanIn = receptive * shape[shape.length - 2];
                    long fanOut = receptive * shape[shape.length - 1];
                    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (2 * random.nextDouble() - 1) * limit;
                    }
                }
                default -> throw new IllegalStateException();
            }
            return Nd4j.create(values, shape, 'c').castTo(dataType);
        }
    }

    /** Every array the architecture has, in a fixed order. */
    static List<ParameterSpec> specs(Architecture a) {
        List<ParameterSpec> specs = new ArrayList<>();
        UNetLayout generator = UNetLayout.of(a);
        for (List<UNetLayout.Block> blocks : List.of(generator.encoder(), generator.decoder())) {
            for (UNetLayout.Block block : blocks) {
                conv(specs, a, block.name(), block.inputs(), block.outputs());
                if (block.batchNorm()) {
                    batchNorm(specs, block.name(), block.outputs());
                }
            }
        }

        int in = a.trackChannels() + a.melodyChannels();
        for (int i = 0; i < a.depth(); i++) {
            conv(specs, a, "c.conv" + i, in, a.criticFilters(i));
            in = a.criticFilters(i);
        }
        long flat = (long) in * (a.windowSteps() >> a.depth()) * a.bottleneckWidth();
        specs.add(new ParameterSpec("c.dense.W", new long[] {flat, 1}, ParameterSpec.Init.GLOROT));
        specs.add(new ParameterSpec("c.dense.b", new long[] {1, 1}, ParameterSpec.Init.ZERO));
        return specs;
    }

    private static void conv(List<ParameterSpec> specs, Architecture a, String prefix, int in, int out) {
        specs.add(new ParameterSpec(prefix + ".W", new long[] {Architecture.KERNEL, a.kernelWidth(), in, out},
                ParameterSpec.Init.GLOROT));
        specs.add(new ParameterSpec(prefix + ".b", new long[] {out}, ParameterSpec.Init.ZERO));
    }

    private static void batchNorm(List<ParameterSpec> specs, String prefix, int channels) {
        long[] shape = {1, channels, 1, 1};
        specs.add(new ParameterSpec(prefix + ".gamma", shape, ParameterSpec.Init.ONE));
        specs.add(new ParameterSpec(prefix + ".beta", shape, ParameterSpec.Init.ZERO));
        specs.add(new ParameterSpec(prefix + ".mean", shape, ParameterSpec.Init.ZERO));
        specs.add(new ParameterSpec(prefix + ".var", shape, ParameterSpec.Init.ONE));
    }
}
