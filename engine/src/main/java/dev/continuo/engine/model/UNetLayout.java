package dev.continuo.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The generator's U-Net block by block, as {@link Architecture} describes it: the one list that training
 * ({@link GridUNet}), inference ({@link Generator}) and the weight names and shapes ({@link ModelWeights}) follow.
 *
 * <p>Encoder blocks convolve with stride 2, then LeakyReLU, then BatchNorm where they have it. Decoder blocks, bottom
 * up, upsample their input parts by 2, convolve them as one concatenated input, then BatchNorm and ReLU; the last
 * decoder block is the output convolution ("g.out"), without BatchNorm, followed by tanh. A decoder block's first
 * input part is the output of the block below (the bottleneck for the lowest); its second, if any, is the output of
 * encoder block {@link Block#skip()}, or for the lowest block the noise.
 *
 * @param encoder the encoder blocks, top down ("g.enc0" first)
 * @param decoder the decoder blocks, bottom up ("g.dec" depth−2 first), then the output block
 */
public record UNetLayout(List<Block> encoder, List<Block> decoder) {

    /** Skip source of a decoder block without one (the lowest: its second part, if any, is the noise). */
    public static final int NO_SKIP = -1;

    /**
     * One convolution block.
     *
     * @param name       the weight prefix, e.g. "g.enc1"; its arrays are name + ".W", ".b" and, with BatchNorm,
     *                   ".gamma", ".beta", ".mean", ".var"
     * @param inputParts channels of each input part, concatenated in this order
     * @param outputs    output channels
     * @param batchNorm  whether BatchNorm follows the convolution
     * @param skip       the encoder block whose output is the second input part, or {@link #NO_SKIP}
     */
    public record Block(String name, int[] inputParts, int outputs, boolean batchNorm, int skip) {

        /** Input channels of the convolution: all parts together. */
        public int inputs() {
            return Arrays.stream(inputParts).sum();
        }
    }

    public UNetLayout {
        encoder = List.copyOf(encoder);
        decoder = List.copyOf(decoder);
    }

    /** The generator of this architecture. */
    public static UNetLayout of(Architecture a) {
        List<Block> encoder = new ArrayList<>();
        int in = a.melodyChannels();
        for (int i = 0; i < a.depth(); i++) {
            encoder.add(new Block("g.enc" + i, new int[] {in}, a.generatorFilters(i), i > 0, NO_SKIP));
            in = a.generatorFilters(i);
        }
        List<Block> decoder = new ArrayList<>();
        int[] parts = a.noiseChannels() == 0 ? new int[] {in} : new int[] {in, a.noiseChannels()};
        int skip = NO_SKIP;
        for (int i = a.depth() - 2; i >= 0; i--) {
            decoder.add(new Block("g.dec" + i, parts, a.generatorFilters(i), true, skip));
            parts = new int[] {a.generatorFilters(i), a.generatorFilters(i)};
            skip = i;
        }
        decoder.add(new Block("g.out", parts, a.trackChannels(), false, skip));
        return new UNetLayout(encoder, decoder);
    }

    /** The last decoder block: the output convolution. */
    public Block output() {
        return decoder.get(decoder.size() - 1);
    }
}
