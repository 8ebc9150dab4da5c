package dev.tritium.simulator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * attention.kv_bits, kv_group and kv_pivots: a quantized KV cache on the fp16 datapath, sweepable by their dotted
 * names; bits outside 2..8, a group beyond VEC.KV_QUANT's imm, group or pivots without bits and bits on the int8
 * datapath are refused naming the key.
 */
class KvQuantConfigTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");

  private static String refusal(ArchConfig base, String key, String value) {
    return assertThrows(IllegalArgumentException.class,
        () -> ArchConfigs.validate(ArchKeys.with(base, key, value), "test")).getMessage();
  }

  @Test
  void bitsGroupAndPivotsSetAQuantizedCacheOnTheFp16Datapath() {
    ArchConfig fp16 = ArchKeys.with(EDGE, "attention.kv_datatype", "fp16");
    ArchConfig int4 = ArchKeys.with(fp16, "attention.kv_bits", "4");
    assertEquals(Optional.of(new AttentionConfig.KvQuant(4, AttentionConfig.DEFAULT_KV_GROUP, 0)),
        int4.attentionOrDefault().kvQuant());
    ArchConfig intact = ArchConfigs.validate(ArchKeys.with(ArchKeys.with(int4, "attention.kv_group", "64"),
        "attention.kv_pivots", "4"), "test");
    assertEquals(Optional.of(new AttentionConfig.KvQuant(4, 64, 4)), intact.attentionOrDefault().kvQuant());
    assertTrue(ArchKeys.leaves(intact).containsAll(java.util.List.of("attention.kv_bits", "attention.kv_group",
        "attention.kv_pivots")));
    assertEquals(Optional.empty(), fp16.attentionOrDefault().kvQuant());
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    ArchConfig fp16 = ArchKeys.with(EDGE, "attention.kv_datatype", "fp16");
    String onInt8 = refusal(EDGE, "attention.kv_bits", "4");
    assertTrue(onInt8.contains("attention.kv_datatype") && onInt8.contains("must be fp16"), onInt8);
    String nine = refusal(fp16, "attention.kv_bits", "9");
    assertTrue(nine.contains("attention.kv_bits") && nine.contains("[2, 8]") && nine.contains("9"), nine);
    String group = refusal(fp16, "attention.kv_group", "32");
    assertTrue(group.contains("attention.kv_group") && group.contains("needs attention.kv_bits"), group);
    String pivots = refusal(fp16, "attention.kv_pivots", "1");
    assertTrue(pivots.contains("attention.kv_pivots"), pivots);
    String wide = refusal(ArchKeys.with(fp16, "attention.kv_bits", "4"), "attention.kv_group", "4096");
    assertTrue(wide.contains("attention.kv_group") && wide.contains("4095"), wide);
  }
}
