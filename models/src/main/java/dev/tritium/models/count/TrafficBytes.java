package dev.tritium.models.count;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes moved by one piece of work, assuming each weight tensor is read once per forward call (its
 * rows reused across the call's tokens) and nothing else is cached between calls.
 *
 * @param ternaryWeightBytesByPacking ternary weight bytes per packing name (exact packed sizes, row padding included)
 * @param bf16WeightBytes LM head weights read (whole matrix per call) and embedding rows looked up
 * @param fp32ParamBytes RMSNorm gains read (4 bytes per gain per call)
 * @param activationReadBytes BitLinear inputs as int8 (1 byte per feature per token) and LM head inputs as fp32
 * @param activationWriteBytes BitLinear outputs as fp32 and logits as fp32 (4 bytes each)
 * @param kvCacheReadBytes keys and values read by attention: per query token and layer, every cached
 *     position at or before it, 2 * kvDim values of {@link #KV_BYTES_PER_VALUE} bytes
 * @param kvCacheWriteBytes keys and values appended: 2 * kvDim values per token and layer
 */
public record TrafficBytes(
    Map<String, Long> ternaryWeightBytesByPacking,
    long bf16WeightBytes,
    long fp32ParamBytes,
    long activationReadBytes,
    long activationWriteBytes,
    long kvCacheReadBytes,
    long kvCacheWriteBytes) {

  /** The reference engine keeps K and V in fp32. */
  public static final int KV_BYTES_PER_VALUE = 4;

  public static final TrafficBytes ZERO = new TrafficBytes(Map.of(), 0, 0, 0, 0, 0, 0);

  public TrafficBytes {
    ternaryWeightBytesByPacking = Collections.unmodifiableMap(new TreeMap<>(ternaryWeightBytesByPacking));
  }

  /** Field-wise sum; packings are summed by name. */
  public TrafficBytes plus(TrafficBytes o) {
    Map<String, Long> w = new TreeMap<>(ternaryWeightBytesByPacking);
    o.ternaryWeightBytesByPacking.forEach((k, v) -> w.merge(k, v, Long::sum));
    return new TrafficBytes(w, bf16WeightBytes + o.bf16WeightBytes, fp32ParamBytes + o.fp32ParamBytes,
        activationReadBytes + o.activationReadBytes, activationWriteBytes + o.activationWriteBytes,
        kvCacheReadBytes + o.kvCacheReadBytes, kvCacheWriteBytes + o.kvCacheWriteBytes);
  }

  /** Ternary weight bytes in one packing, 0 when that packing was not costed. */
  public long ternaryWeightBytes(String packing) {
    return ternaryWeightBytesByPacking.getOrDefault(packing, 0L);
  }
}
