package dev.continuo.engine.model;

import static dev.continuo.engine.model.GradientSteps.accumulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The U-Net generator (see {@link Architecture}) for training, in either layout, on HWNC tensors [H, W, N, C], with
 * BatchNorm on the batch's statistics and a hand-written backward pass. Decoder blocks take their two inputs (the
 * block below and the skip) as parts of one {@link UpsampledConvolution}. Made for one set of weights; make a new one
 * after an update.
 */
final class GridUNet {

    private final Architecture architecture;
    private final ModelWeights weights;
    private final List<StridedConvolution> encoder = new ArrayList<>();
    /** Decoder blocks bottom-up (block depth − 2 first), then the output convolution. */
    private final List<UpsampledConvolution> decoder = new ArrayList<>();

    /** One encoder block's pass: convolution, LeakyReLU, then BatchNorm (null on the first block). */
    private record EncoderPass(StridedConvolution.Pass convolution, BatchNormPass batchNorm, INDArray output) {
    }

    /** One decoder block's pass: upsampled convolution, BatchNorm, ReLU (the output block: no BatchNorm or ReLU). */
    private record DecoderPass(UpsampledConvolution.Pass convolution, BatchNormPass batchNorm, INDArray output) {
    }

    /** A forward pass: the generated tracks [H, W, N, 4] = tanh(preActivation) and what backward needs. */
    record Pass(INDArray tracks, INDArray preActivation, List<EncoderPass> encoder, List<DecoderPass> decoder) {

        /** Batch mean and variance of every BatchNorm layer, by weight prefix ("g.enc1", …). */
        void statistics(Map<String, INDArray[]> into) {
            for (int i = 1; i < encoder.size(); i++) {
                BatchNormPass bn = encoder.get(i).batchNorm();
                into.put("g.enc" + i, new INDArray[] {bn.mean(), bn.variance()});
            }
            for (int j = 0; j < decoder.size() - 1; j++) {
                BatchNormPass bn = decoder.get(j).batchNorm();
                into.put("g.dec" + (encoder.size() - 2 - j), new INDArray[] {bn.mean(), bn.variance()});
            }
        }
    }

    GridUNet(ModelWeights weights) {
        this.weights = weights;
        this.architecture = weights.architecture();
        Architecture a = architecture;
        for (int i = 0; i < a.depth(); i++) {
            encoder.add(new StridedConvolution(weights.get("g.enc" + i + ".W"), weights.get("g.enc" + i + ".b")));
        }
        for (int i = a.depth() - 2; i >= 0; i--) {
            decoder.add(new UpsampledConvolution(weights.get("g.dec" + i + ".W"), weights.get("g.dec" + i + ".b"),
                    decoderParts(a, i)));
        }
        decoder.add(new UpsampledConvolution(weights.get("g.out.W"), weights.get("g.out.b"), a.generatorFilters(0),
                a.generatorFilters(0)));
    }

    /**
     * Channels of the input parts of decoder block {@code block}: the bottleneck and the noise for the lowest block,
     * else the block below's output and the matching encoder output.
     */
    static int[] decoderParts(Architecture a, int block) {
        if (block < a.depth() - 2) {
            return new int[] {a.generatorFilters(block + 1), a.generatorFilters(block + 1)};
        }
        return a.noiseChannels() == 0 ? new int[] {a.generatorFilters(block + 1)}
                : new int[] {a.generatorFilters(block + 1), a.noiseChannels()};
    }

    /**
     * @param melody [steps, pitches, N, 1]
     * @param noise  [steps / 2^depth, pitches / 2^depth, N, noiseChannels], or null without noise
     */
    Pass forward(INDArray melody, INDArray noise) {
        List<EncoderPass> encoderPasses = new ArrayList<>();
        INDArray x = melody;
        for (int i = 0; i < encoder.size(); i++) {
            StridedConvolution.Pass convolution = encoder.get(i).forward(x);
            x = Transforms.leakyRelu(convolution.output(), NetworkBuilder.LEAKY_SLOPE, true);
            BatchNormPass batchNorm = null;
            if (i > 0) {
                batchNorm = BatchNormPass.forward(x, weights.get("g.enc" + i + ".gamma"),
                        weights.get("g.enc" + i + ".beta"));
                x = batchNorm.output();
            }
            encoderPasses.add(new EncoderPass(convolution, batchNorm, x));
        }
        List<DecoderPass> decoderPasses = new ArrayList<>();
        List<INDArray> parts = noise == null ? List.of(x) : List.of(x, noise);
        for (int j = 0; j < decoder.size() - 1; j++) {
            int block = encoder.size() - 2 - j;
            UpsampledConvolution.Pass convolution = decoder.get(j).forward(parts);
            BatchNormPass batchNorm = BatchNormPass.forward(convolution.output(),
                    weights.get("g.dec" + block + ".gamma"), weights.get("g.dec" + block + ".beta"));
            INDArray output = Transforms.relu(batchNorm.output(), true);
            decoderPasses.add(new DecoderPass(convolution, batchNorm, output));
            parts = List.of(output, encoderPasses.get(block).output());
        }
        UpsampledConvolution.Pass last = decoder.get(decoder.size() - 1).forward(parts);
        decoderPasses.add(new DecoderPass(last, null, last.output()));
        return new Pass(Transforms.tanh(last.output(), true), last.output(), encoderPasses, decoderPasses);
    }

    /** Backpropagates d(preActivation) [H, W, N, 4], adding every generator weight's gradient to {@code gradients}. */
    void backward(Pass pass, INDArray preActivationGradient, Map<String, INDArray> gradients) {
        int depth = encoder.size();
        INDArray[] skipGradients = new INDArray[depth];
        INDArray gradient = preActivationGradient;
        for (int j = decoder.size() - 1; j >= 0; j--) {
            DecoderPass decoderPass = pass.decoder().get(j);
            String prefix = j == decoder.size() - 1 ? "g.out" : "g.dec" + (depth - 2 - j);
            if (decoderPass.batchNorm() != null) {
                gradient = gradient.muli(Transforms.step(decoderPass.output()));
                INDArray[] bn = decoderPass.batchNorm().backward(gradient);
                accumulate(gradients, prefix + ".gamma", bn[1].reshape(1, -1, 1, 1));
                accumulate(gradients, prefix + ".beta", bn[2].reshape(1, -1, 1, 1));
                gradient = bn[0];
            }
            int skipBlock = depth - 1 - j; // the encoder block whose output is this block's skip input
            boolean skip = j > 0; // else the second part, if any, is the noise
            boolean[] wanted = new boolean[skip ? 2 : decoderParts(architecture, depth - 2).length];
            wanted[0] = true;
            if (skip) {
                wanted[1] = true;
            }
            UpsampledConvolution.Gradients backward = decoder.get(j).backward(decoderPass.convolution(), gradient,
                    wanted);
            accumulate(gradients, prefix + ".W", backward.kernel());
            accumulate(gradients, prefix + ".b", channelSums(gradient));
            if (skip) {
                skipGradients[skipBlock] = backward.parts()[1];
            }
            INDArray below = backward.parts()[0];
            if (j == 0) {
                skipGradients[depth - 1] = below;
            }
            gradient = below;
        }
        gradient = null;
        for (int i = depth - 1; i >= 0; i--) {
            EncoderPass encoderPass = pass.encoder().get(i);
            INDArray outputGradient = gradient == null ? skipGradients[i] : gradient.addi(skipGradients[i]);
            String prefix = "g.enc" + i;
            if (encoderPass.batchNorm() != null) {
                INDArray[] bn = encoderPass.batchNorm().backward(outputGradient);
                accumulate(gradients, prefix + ".gamma", bn[1].reshape(1, -1, 1, 1));
                accumulate(gradients, prefix + ".beta", bn[2].reshape(1, -1, 1, 1));
                outputGradient = bn[0];
            }
            INDArray u = outputGradient.muli(Transforms.step(encoderPass.convolution().output())
                    .muli(1 - NetworkBuilder.LEAKY_SLOPE).addi(NetworkBuilder.LEAKY_SLOPE));
            accumulate(gradients, prefix + ".W", encoder.get(i).kernelGradient(encoderPass.convolution(), u));
            accumulate(gradients, prefix + ".b", channelSums(u));
            gradient = i == 0 ? null : encoder.get(i).inputGradient(encoderPass.convolution(), u);
        }
    }

    private static INDArray channelSums(INDArray x) {
        return x.reshape(x.length() / x.size(3), x.size(3)).sum(0);
    }
}
