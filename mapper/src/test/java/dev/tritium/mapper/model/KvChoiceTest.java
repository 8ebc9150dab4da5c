package dev.tritium.mapper.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.models.format.Atom;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPresets;
import dev.tritium.models.format.SpinQuant;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.AttentionConfig.KvDatatype;
import dev.tritium.simulator.config.AttentionConfig.KvQuant;
import dev.tritium.simulator.functional.Fp32Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KV cache an estimate runs with: by default a weight format that names its own cache (SpinQuant, Atom: int4 per
 * group of 128) gets it and every other format keeps the arch's; {@code arch} keeps the arch's for every format; a
 * reference KV format applies to every format. The chosen cache reaches the estimate (its DRAM bytes move).
 */
class KvChoiceTest {

  private static final ArchConfig EDGE = ArchConfigs.preset("edge-fpga");

  @Test
  void theDefaultGivesSpinQuantAndAtomTheirOwnInt4CacheAndKeepsTheArchsForOthers() {
    KvChoice d = KvChoice.parse(KvChoice.DEFAULT);
    for (var f : new dev.tritium.models.format.FormatPreset[] {new SpinQuant(false), new SpinQuant(true),
        new Atom(128, 128)}) {
      ArchConfig a = d.apply(EDGE, f);
      assertEquals(KvDatatype.FP16, a.attentionOrDefault().kvDatatype(), f.name());
      assertEquals(new KvQuant(4, 128, 0), a.attentionOrDefault().kvQuant().orElseThrow(), f.name());
      assertEquals("int4:group=128 (the format's own)", d.describe(EDGE, f));
    }
    assertSame(EDGE, d.apply(EDGE, new BitNetB158()));
    assertSame(EDGE, d.apply(EDGE, FormatPresets.parse("w8a8")));
    assertEquals("the arch's (int8)", d.describe(EDGE, new BitNetB158()));
  }

  @Test
  void archKeepsTheArchsCacheAndAGivenFormatAppliesToEveryFormat() {
    KvChoice arch = KvChoice.parse("ARCH");
    assertSame(EDGE, arch.apply(EDGE, new SpinQuant(false)));
    assertEquals("the arch's (int8)", arch.describe(EDGE, new SpinQuant(false)));
    KvChoice fp16 = KvChoice.parse("fp16");
    assertEquals(KvDatatype.FP16, fp16.apply(EDGE, new BitNetB158()).attentionOrDefault().kvDatatype());
    assertTrue(fp16.apply(EDGE, new SpinQuant(false)).attentionOrDefault().kvQuant().isEmpty());
    KvChoice intact = KvChoice.parse("intactkv:bits=3,pivots=2");
    assertEquals(new KvQuant(3, 128, 2), intact.apply(EDGE, new Atom(128, 128)).attentionOrDefault().kvQuant()
        .orElseThrow());
    assertEquals("intactkv:bits=3,pivots=2,group=128", intact.describe(EDGE, new BitNetB158()));
    assertEquals("the arch's (int4 codes per group of 64, 1 fp16 pivot positions)", arch.describe(
        intact.apply(EDGE, new BitNetB158()).withAttention(dev.tritium.simulator.config.AttentionConfig.quantized(
            new KvQuant(4, 64, 1), null)), new BitNetB158()));
    // every spelling round-trips through its text
    for (String s : new String[] {"format", "arch", "fp16", "int4:group=32", "intactkv:bits=4,pivots=1,group=128"}) {
      assertEquals(KvChoice.parse(s), KvChoice.parse(KvChoice.parse(s).text()), s);
    }
    assertThrows(IllegalArgumentException.class, () -> KvChoice.parse("fp8"));
  }

  @Test
  void spinQuantsOwnCacheReachesTheEstimate(@TempDir Path dir) throws IOException {
    // A two-layer model with 64-value heads and two kv heads (one int4 group of 128 per token row): at context 512
    // the int4 cache moves fewer DRAM bytes than the arch's int8 rows, and the format's default equals naming
    // int4:group=128 outright.
    ModelConfig c = ModelConfigs.resolve(smallLlama(dir).toString());
    ArchConfig every = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml"));
    SpinQuant f = new SpinQuant(false);
    LayerShape s = LayerShape.decode(512);
    long own = dramBytes(c, KvChoice.parse("format").apply(every, f), f, s);
    long archs = dramBytes(c, KvChoice.parse("arch").apply(every, f), f, s);
    long named = dramBytes(c, KvChoice.parse("int4:group=128").apply(every, f), f, s);
    assertEquals(named, own);
    assertTrue(own < archs, own + " vs " + archs);
  }

  @Test
  void spinQuantsEstimateRotatesEveryQueryAndKeyHead(@TempDir Path dir) throws IOException {
    // R3 on the vector unit: per layer and token (4 + 2 heads) x 64 values x log2 64 butterfly adds more in the rope
    // group than a format without it (w8a8, same model, same arch).
    ModelConfig c = ModelConfigs.resolve(smallLlama(dir).toString());
    ArchConfig every = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-every-format.yaml"));
    LayerShape s = LayerShape.decode(64);
    long spin = ropeAdds(ModelEstimator.forFormat(c, every, ComputeUnit.MAC, new SpinQuant(false)).estimate(s));
    long w8 = ropeAdds(ModelEstimator.forFormat(c, every, ComputeUnit.MAC, FormatPresets.parse("w8a8")).estimate(s));
    assertEquals(2L * (4 + 2) * 64 * 6, spin - w8);
  }

  private static long ropeAdds(ModelEstimate e) {
    return e.groups().stream().filter(g -> g.group().equals("rope"))
        .mapToLong(g -> g.run().counts().fp32Ops(Fp32Op.ADD) * g.repeats()).sum();
  }

  private static Path smallLlama(Path dir) throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_act\": \"silu\","
        + " \"hidden_size\": 256, \"intermediate_size\": 704, \"max_position_embeddings\": 4096, \"model_type\":"
        + " \"llama\", \"rms_norm_eps\": 1e-05, \"num_attention_heads\": 4, \"num_hidden_layers\": 2,"
        + " \"num_key_value_heads\": 2, \"rope_theta\": 500000.0, \"tie_word_embeddings\": true,"
        + " \"vocab_size\": 1000}");
    return config;
  }

  private static long dramBytes(ModelConfig c, ArchConfig a, SpinQuant f, LayerShape s) {
    return ModelEstimator.forFormat(c, a, ComputeUnit.MAC, f).estimate(s).dramBytes();
  }
}
