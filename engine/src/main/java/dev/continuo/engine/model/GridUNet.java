package dev.continuo.engine.model;

import static dev.continuo.engine.model.GradientSums.accumulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The U-Net generator (its {@link UNetLayout}) for training, in either layout, on HWNC tensors [H, W, N, C], with
 * BatchNorm on the batch's statistics and a hand-written backward pass. Decoder blocks take their two inputs (the
 * block below and the skip) as parts of one {@link UpsampledConvolution}. Made for one set of weights; make a new one
 * after an update.
 */
final class GridUNet {

    private final ModelWeights weights;
    private final UNetLayout layout;
    private final List<StridedConvolution> encoder = new ArrayList<>();
    /** The layout's decoder blocks, the output convolution last. */
    private final List<UpsampledConvolution> decoder = new ArrayList<>();

    /** One encoder block's pass: convolution, LeakyReLU, then BatchNorm (null where the block has none). */
    private record EncoderPass(StridedConvolution.Pass convolution, BatchNormPass batchNorm, INDArray output) {
    }

    /** One decoder block's pass: upsampled convolution, BatchNorm, ReLU (the output block: no BatchNorm or ReLU). */
    private record DecoderPass(UpsampledConvolution.Pass convolution, BatchNormPass batchNorm, INDArray output) {
    }

    /** A forward pass: the generated tracks [H, W, N, 4] = tanh(preActivation) and what backward needs. */
    record Pass(INDArray tracks, INDArray preActivation, List<EncoderPass> encoder, List<DecoderPass> decoder) {
    }

    GridUNet(ModelWeights weights) {
        this.weights = weights;
        this.layout = UNetLayout.of(weights.architecture());
        for (UNetLayout.Block block : layout.encoder()) {
            encoder.add(new StridedConvolution(weights.get(block.name() + ".W"), weights.get(block.name() + ".b")));
        }
        for (UNetLayout.Block block : layout.decoder()) {
            decoder.add(new UpsampledConvolution(weights.get(block.name() + ".W"), weights.get(block.name() + ".b"),
                    block.inputParts()));
        }
    }

    /** The pass's batch mean and variance of every BatchNorm layer, by weight prefix ("g.enc1", …). */
    void statistics(Pass pass, Map<String, INDArray[]> into) {
        for (int i = 0; i < encoder.size(); i++) {
            putStatistics(layout.encoder().get(i), pass.encoder().get(i).batchNorm(), into);
        }
        for (int i = 0; i < decoder.size(); i++) {
            putStatistics(layout.decoder().get(i), pass.decoder().get(i).batchNorm(), into);
        }
    }

    private static void putStatistics(UNetLayout.Block block, BatchNormPass batchNorm, Map<String, INDArray[]> into) {
        if (batchNorm != null) {
            into.put(block.name(), new INDArray[] {batchNorm.mean(), batchNorm.variance()});
        }
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
            x = Transforms.leakyRelu(convolution.output(), Architecture.LEAKY_SLOPE, true);
            BatchNormPass batchNorm = null;
            if (layout.encoder().get(i).batchNorm()) {
                batchNorm = batchNorm(x, layout.encoder().get(i));
                x = batchNorm.output();
            }
            encoderPasses.add(new EncoderPass(convolution, batchNorm, x));
        }
        List<DecoderPass> decoderPasses = new ArrayList<>();
        List<INDArray> parts = noise == null ? List.of(x) : List.of(x, noise);
        for (int i = 0; i < decoder.size(); i++) {
            UNetLayout.Block block = layout.decoder().get(i);
            if (block.skip() != UNetLayout.NO_SKIP) {
                parts = List.of(x, encoderPasses.get(block.skip()).output());
            }
            UpsampledConvolution.Pass convolution = decoder.get(i).forward(parts);
            BatchNormPass batchNorm = null;
            x = convolution.output();
            if (block.batchNorm()) {
                batchNorm = batchNorm(x, block);
                x = Transforms.relu(batchNorm.output(), true);
            }
            decoderPasses.add(new DecoderPass(convolution, batchNorm, x));
        }
        return new Pass(Transforms.tanh(x, true), x, encoderPasses, decoderPasses);
    }

    private BatchNormPass batchNorm(INDArray x, UNetLayout.Block block) {
        return BatchNormPass.forward(x, weights.get(block.name() + ".gamma"), weights.get(block.name() + ".beta"));
    }

    /** Backpropagates d(preActivation) [H, W, N, 4], adding every generator weight's gradient to {@code gradients}. */
    void backward(Pass pass, INDArray preActivationGradient, Map<String, INDArray> gradients) {
        INDArray[] skipGradients = new INDArray[encoder.size()];
        INDArray gradient = preActivationGradient;
        for (int i = decoder.size() - 1; i >= 0; i--) {
            DecoderPass decoderPass = pass.decoder().get(i);
            UNetLayout.Block block = layout.decoder().get(i);
            if (decoderPass.batchNorm() != null) {
                gradient = gradient.muli(Transforms.step(decoderPass.output()));
                gradient = batchNormBackward(decoderPass.batchNorm(), gradient, block.name(), gradients);
            }
            boolean skip = block.skip() != UNetLayout.NO_SKIP; // else the second part, if any, is the noise
            boolean[] wanted = new boolean[block.inputParts().length];
            wanted[0] = true;
            if (skip) {
                wanted[1] = true;
            }
            UpsampledConvolution.Gradients backward = decoder.get(i).backward(decoderPass.convolution(), gradient,
                    wanted);
            accumulate(gradients, block.name() + ".W", backward.kernel());
            accumulate(gradients, block.name() + ".b", channelSums(gradient));
            if (skip) {
                skipGradients[block.skip()] = backward.parts()[1];
            }
            gradient = backward.parts()[0];
        }
        skipGradients[encoder.size() - 1] = gradient; // the bottleneck's, from the lowest decoder block
        gradient = null;
        for (int i = encoder.size() - 1; i >= 0; i--) {
            EncoderPass encoderPass = pass.encoder().get(i);
            String prefix = layout.encoder().get(i).name();
            INDArray outputGradient = gradient == null ? skipGradients[i] : gradient.addi(skipGradients[i]);
            if (encoderPass.batchNorm() != null) {
                outputGradient = batchNormBackward(encoderPass.batchNorm(), outputGradient, prefix, gradients);
            }
            INDArray u = outputGradient.muli(Transforms.step(encoderPass.convolution().output())
                    .muli(1 - Architecture.LEAKY_SLOPE).addi(Architecture.LEAKY_SLOPE));
            accumulate(gradients, prefix + ".W", encoder.get(i).kernelGradient(encoderPass.convolution(), u));
            accumulate(gradients, prefix + ".b", channelSums(u));
            gradient = i == 0 ? null : encoder.get(i).inputGradient(encoderPass.convolution(), u);
        }
    }

    /** Adds the BatchNorm scale and shift gradients; returns the gradient of its input. */
    private static INDArray batchNormBackward(BatchNormPass batchNorm, INDArray outputGradient, String prefix,
            Map<String, INDArray> gradients) {
        INDArray[] bn = batchNorm.backward(outputGradient);
        accumulate(gradients, prefix + ".gamma", bn[1].reshape(1, -1, 1, 1));
        accumulate(gradients, prefix + ".beta", bn[2].reshape(1, -1, 1, 1));
        return bn[0];
    }

    private static INDArray channelSums(INDArray x) {
        return x.reshape(x.length() / x.size(3), x.size(3)).sum(0);
    }
}
