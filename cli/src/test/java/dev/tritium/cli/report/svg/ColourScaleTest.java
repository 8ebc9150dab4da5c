package dev.tritium.cli.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColourScaleTest {

  @Test
  void stopsAtTheirPositionsAndClampsOutside() {
    ColourScale c = ColourScale.viridis(10, 20);
    assertEquals("#440154", c.colour(10));
    assertEquals("#21918c", c.colour(15));
    assertEquals("#fde725", c.colour(20));
    assertEquals("#440154", c.colour(-100));
    assertEquals("#fde725", c.colour(1e9));
  }

  @Test
  void interpolatesChannelsLinearly() {
    // Halfway between the first two stops (#440154, #3b528b): (68+59)/2=63.5->64, (1+82)/2=41.5->42,
    // (84+139)/2=111.5->112.
    assertEquals("#402a70", ColourScale.viridis(0, 8).colour(1));
    assertEquals("#808080", new ColourScale(0, 1, List.of("#000000", "#ffffff")).colour(0.5019));
  }

  @Test
  void aDegenerateRangeTakesTheMiddleColour() {
    assertEquals("#21918c", ColourScale.viridis(3, 3).colour(3));
  }

  @Test
  void rejectsBadStops() {
    assertThrows(IllegalArgumentException.class, () -> new ColourScale(0, 1, List.of("#000000")));
    assertThrows(IllegalArgumentException.class, () -> new ColourScale(0, 1, List.of("#000000", "red")));
    assertThrows(IllegalArgumentException.class, () -> new ColourScale(1, 0, ColourScale.VIRIDIS));
  }

  @Test
  void paletteRepeatsAfterTen() {
    assertEquals(Palette.categorical(0), Palette.categorical(10));
    assertThrows(IllegalArgumentException.class, () -> Palette.categorical(-1));
  }
}
