package dev.continuo.cluster.prepare;

import java.io.Serializable;

/**
 * One shard as its executor encoded it, on its way to the driver.
 *
 * @param index    the shard's place in name order
 * @param bytes    the {@code CorpusShard} bytes
 * @param examples entries in it
 * @param heldOut  entries held out of training
 */
record ShardBlob(int index, byte[] bytes, int examples, int heldOut) implements Serializable {
}
