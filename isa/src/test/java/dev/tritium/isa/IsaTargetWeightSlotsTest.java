package dev.tritium.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * IsaTarget.weightSlots: 2 (the default of the 11-argument constructor) leaves the canonical text and the config
 * tag as they were before the field existed; 1 appends {@code ;weight_slots=1} to the canonical text, so the tag
 * (CRC-32 of the text in UTF-8) changes. Target files take {@code weight_slots} (1 or 2, default 2).
 */
class IsaTargetWeightSlotsTest {

  private static IsaTarget withSlots(IsaTarget t, int slots) {
    return new IsaTarget(t.name(), t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(),
        t.macRows(), t.macCols(), t.lut(), t.vectorLanes(), t.packings(), slots);
  }

  private static int crc32(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  @Test
  void twoSlotsIsTheOldTargetAndOneSlotChangesTheTag() {
    IsaTarget old = IsaTarget.edgeDefault(); // 11-argument constructor
    assertEquals(2, old.weightSlots());
    IsaTarget two = withSlots(old, 2);
    assertEquals(old, two);
    assertEquals(old.canonicalText(), two.canonicalText());
    assertTrue(!two.canonicalText().contains("weight_slots"), two.canonicalText());
    // The edge target's tag pinned before weight_slots existed (SpecStabilityTest).
    assertEquals(0x94748c60, two.configTag());

    IsaTarget one = withSlots(old, 1);
    assertEquals(old.canonicalText() + ";weight_slots=1", one.canonicalText());
    assertEquals(crc32(one.canonicalText()), one.configTag());
    assertNotEquals(two.configTag(), one.configTag());
  }

  @Test
  void constructorRejectsSlotCountsOtherThanOneOrTwo() {
    for (int bad : new int[] {0, 3, -1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> withSlots(IsaTarget.edgeDefault(), bad));
      assertEquals("IsaTarget weight_slots must be 1 or 2, got " + bad, e.getMessage());
    }
  }

  @Test
  void targetFilesReadWriteAndRejectWeightSlots() {
    String twoSlots = IsaTargetFile.toText(IsaTarget.edgeDefault());
    assertTrue(!twoSlots.contains("weight_slots"), "the default is not written: " + twoSlots);
    IsaTarget one = IsaTargetFile.parse(twoSlots + "weight_slots = 1\n", "t.target");
    assertEquals(1, one.weightSlots());
    assertEquals(withSlots(IsaTarget.edgeDefault(), 1), one);
    String oneText = IsaTargetFile.toText(one);
    assertTrue(oneText.contains("\nweight_slots = 1\n"), oneText);
    assertEquals(one, IsaTargetFile.parse(oneText, "t.target"));
    // An explicit 2 is the default target.
    assertEquals(IsaTarget.edgeDefault(), IsaTargetFile.parse(twoSlots + "weight_slots = 2\n", "t.target"));
    // toText: comment line, name, 5 buffer sizes, mac_rows, mac_cols, vector_lanes, lut_group_size, lut_variant,
    // packings = 13 lines, so an appended key is on line 14.
    assertEquals(13, twoSlots.split("\n").length);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IsaTargetFile.parse(twoSlots + "weight_slots = 3\n", "t.target"));
    assertEquals("t.target:14: weight_slots must be 1 or 2, got 3", e.getMessage());
  }
}
