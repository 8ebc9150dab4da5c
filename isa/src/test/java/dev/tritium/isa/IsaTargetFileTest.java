package dev.tritium.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsaTargetFileTest {

  @Test
  void textRoundTripsToAnEqualTarget() {
    IsaTarget t = IsaTarget.edgeDefault();
    assertEquals(t, IsaTargetFile.parse(IsaTargetFile.toText(t), "t.target"));
    IsaTarget noLut = new IsaTarget("tiny", 1024, 1024, 1024, 0, 1024, 4, 4, Optional.empty(), 8,
        EnumSet.of(Packing.BASE3));
    assertEquals(noLut, IsaTargetFile.parse(IsaTargetFile.toText(noLut), "t.target"));
  }

  @Test
  void badFilesNameFileLineAndKey() {
    String ok = IsaTargetFile.toText(IsaTarget.edgeDefault());
    assertEquals("t.target:3: unknown key 'wgt_kb', expected one of wgt_bytes, act_bytes, acc_bytes, lut_bytes,"
            + " vec_bytes, mac_rows, mac_cols, vector_lanes, packings, name, lut_group_size, lut_variant, weight_slots,"
            + " kv_store_bytes, mac_float_adders, lut_float_adders, mac_mask_decode, mac_int_multipliers,"
            + " mac_bit_plane, lut_bit_plane",
        assertThrows(IllegalArgumentException.class,
            () -> IsaTargetFile.parse(ok.replace("wgt_bytes", "wgt_kb"), "t.target")).getMessage());
    assertEquals("t.target:4: act_bytes must be a non-negative integer, got '128K'",
        assertThrows(IllegalArgumentException.class,
            () -> IsaTargetFile.parse(ok.replace("act_bytes = 131072", "act_bytes = 128K"), "t.target")).getMessage());
    assertEquals("t.target: missing key 'packings'", assertThrows(IllegalArgumentException.class,
        () -> IsaTargetFile.parse(ok.replaceAll("packings = .*", ""), "t.target")).getMessage());
  }
}
