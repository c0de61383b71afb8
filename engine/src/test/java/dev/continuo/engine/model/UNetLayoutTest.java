package dev.continuo.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class UNetLayoutTest {

    /** Grid layout, depth 3, filters 4-8-16, 2 noise channels, critic filters 3-6-12. */
    private static final Architecture GRID = new Architecture("grid", 16, 32, 64, false, 4, 3, 3, 2, false);

    @Test
    void blocksJoinTheNoiseAtTheBottleneckAndEachEncoderOutputOnTheWayUp() {
        UNetLayout layout = UNetLayout.of(GRID);
        assertEquals(List.of("g.enc0", "g.enc1", "g.enc2"), layout.encoder().stream().map(UNetLayout.Block::name)
                .toList());
        assertEquals(List.of("g.dec1", "g.dec0", "g.out"), layout.decoder().stream().map(UNetLayout.Block::name)
                .toList());
        assertEquals(List.of(false, true, true), layout.encoder().stream().map(UNetLayout.Block::batchNorm).toList());
        assertEquals(List.of(true, true, false), layout.decoder().stream().map(UNetLayout.Block::batchNorm).toList());
        assertEquals(List.of(UNetLayout.NO_SKIP, 1, 0), layout.decoder().stream().map(UNetLayout.Block::skip)
                .toList());
        assertArrayEquals(new int[] {16, 2}, layout.decoder().get(0).inputParts());
        assertArrayEquals(new int[] {8, 8}, layout.decoder().get(1).inputParts());
        assertArrayEquals(new int[] {4, 4}, layout.output().inputParts());
        assertEquals(4, layout.output().outputs());
    }

    @Test
    void weightNamesShapesAndOrderAreTheOnesWeightFilesAndPresetsHold() {
        Map<String, long[]> expected = new LinkedHashMap<>();
        conv(expected, "g.enc0", 1, 4);
        conv(expected, "g.enc1", 4, 8);
        batchNorm(expected, "g.enc1", 8);
        conv(expected, "g.enc2", 8, 16);
        batchNorm(expected, "g.enc2", 16);
        conv(expected, "g.dec1", 18, 8);
        batchNorm(expected, "g.dec1", 8);
        conv(expected, "g.dec0", 16, 4);
        batchNorm(expected, "g.dec0", 4);
        conv(expected, "g.out", 8, 4);
        conv(expected, "c.conv0", 5, 3);
        conv(expected, "c.conv1", 3, 6);
        conv(expected, "c.conv2", 6, 12);
        expected.put("c.dense.W", new long[] {12 * 2 * 8, 1});
        expected.put("c.dense.b", new long[] {1, 1});

        Map<String, long[]> actual = new LinkedHashMap<>();
        ModelWeights.initialize(GRID, 1, DataType.FLOAT).all().forEach((name, array) -> actual.put(name,
                array.shape()));
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        expected.forEach((name, shape) -> assertArrayEquals(shape, actual.get(name), name));
    }

    private static void conv(Map<String, long[]> into, String prefix, int in, int out) {
        into.put(prefix + ".W", new long[] {Architecture.KERNEL, Architecture.KERNEL, in, out});
        into.put(prefix + ".b", new long[] {out});
    }

    private static void batchNorm(Map<String, long[]> into, String prefix, int channels) {
        for (String array : new String[] {".gamma", ".beta", ".mean", ".var"}) {
            into.put(prefix + array, new long[] {1, channels, 1, 1});
        }
    }
}
