package dev.tritium.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.simulator.unit.mac.Dataflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memory-system event model. The golden grid (cli's ScaleSimGoldenGridTest) checks it against SCALE-Sim
 * itself; these tests check the O(1)-per-line closed forms against the address-by-address tables they
 * replace, the geometry against brute-force enumeration, and that the cost does not grow with the requests.
 */
class ScaleSimMemoryTest {

  private static ScaleSimConfig config(int rows, int cols, Dataflow df, long kb, boolean user, int bw) {
    return new ScaleSimConfig("t", rows, cols, kb, kb, kb, 0, 10_000_000, 20_000_000, df, 1,
        user ? ScaleSimConfig.BandwidthMode.USER : ScaleSimConfig.BandwidthMode.CALC,
        user ? List.of(bw) : List.of(), Optional.empty());
  }

  private static ScaleSimAccess access(ScaleSimConfig c, ScaleSimLayer l, boolean explicit,
      MemorySimulation.Work work) {
    ScaleSimLayerReport r = ScaleSimModel.layer(0, l, c.arrayHeight(), c.arrayWidth(), c.dataflow());
    return ScaleSimModel.access(c, r, work, explicit);
  }

  @Test
  void closedFormsEqualTheAddressTablesOnRandomLayers() {
    Random rnd = new Random(20261207);
    int[] bws = {1, 3, 10, 64};
    List<String> diffs = new ArrayList<>();
    for (int trial = 0; trial < 300; trial++) {
      ScaleSimLayer l;
      if (trial % 3 == 2) {
        int fh = 1 + rnd.nextInt(3);
        int fw = 1 + rnd.nextInt(3);
        int s = 1 + rnd.nextInt(2);
        l = new ScaleSimLayer("conv" + trial, fh + rnd.nextInt(10), fw + rnd.nextInt(10), fh, fw,
            1 + rnd.nextInt(6), 1 + rnd.nextInt(24), s, s);
      } else {
        l = ScaleSimLayer.gemm("gemm" + trial, 1 + rnd.nextInt(70), 1 + rnd.nextInt(70), 1 + rnd.nextInt(150));
      }
      Dataflow df = Dataflow.values()[rnd.nextInt(3)];
      int rows = 1 + rnd.nextInt(16);
      int cols = 1 + rnd.nextInt(16);
      boolean user = rnd.nextBoolean();
      ScaleSimConfig c = config(rows, cols, df, 1 + rnd.nextInt(2), user, bws[rnd.nextInt(bws.length)]);
      ScaleSimAccess fast = access(c, l, false, null);
      ScaleSimAccess slow = access(c, l, true, null);
      if (!fast.equals(slow)) {
        diffs.add(l + " " + df + " " + rows + "x" + cols + " user=" + user + "\n  fast " + fast + "\n  slow " + slow);
      }
    }
    assertTrue(diffs.isEmpty(), () -> String.join("\n", diffs));
  }

  @Test
  void aChangedRankWouldBeCaught() {
    // The cross-check above is not vacuous: the closed forms and the tables disagree when a request's set
    // moves, here by shrinking the SRAM of one run only.
    ScaleSimLayer l = ScaleSimLayer.gemm("g", 32, 64, 128);
    ScaleSimAccess a = access(config(8, 8, Dataflow.WS, 2, true, 1), l, false, null);
    ScaleSimAccess b = access(config(8, 8, Dataflow.WS, 1, true, 1), l, true, null);
    assertNotEquals(a, b);
  }

  @Test
  void firstRankIsThePositionInTheEnumeratedPrefetchOrder() {
    // Brute force: enumerate the prefetch order, note where each address sits among the words, and compare
    // with firstRank for every line of every fold (a GEMM, so addresses are distinct).
    Random rnd = new Random(7);
    for (int trial = 0; trial < 60; trial++) {
      ScaleSimLayer l = ScaleSimLayer.gemm("g", 1 + rnd.nextInt(20), 1 + rnd.nextInt(20), 1 + rnd.nextInt(40));
      Dataflow df = Dataflow.values()[trial % 3];
      DemandGeometry geo = new DemandGeometry(l, dev.tritium.simulator.unit.mac.SystolicMapping.of(l.ofmapPixels(),
          l.numFilters(), l.windowSize(), 1 + rnd.nextInt(7), 1 + rnd.nextInt(7), df));
      for (DemandGeometry.Stream s : List.of(geo.ifmapStream, geo.filterStream)) {
        long[] pos = new long[(int) geo.addressSpace(s.ifmap())];
        long[] n = {0};
        s.forEachFetch(geo, a -> {
          if (a >= 0) {
            pos[(int) a] = n[0]++;
          }
        });
        long[] req = new long[64];
        for (long line = 0; line < geo.lines; line++) {
          long fold = line / geo.linesPerFold;
          long fc = fold / geo.map.rowFolds();
          long fr = fold % geo.map.rowFolds();
          long j = line % geo.linesPerFold;
          int count = s.requests(geo, fc, fr, j, req);
          assertEquals(count, s.count(fc, fr, j), () -> "count " + l + " " + df);
          for (int i = 0; i < count; i++) {
            long expected = pos[(int) req[i]];
            long got = s.firstRank(fc, fr, j) + i;
            assertEquals(expected, got, () -> "rank " + l + " " + df + " " + s);
          }
        }
      }
    }
  }

  @Test
  void cellsBelowDiagonalCountsByHand() {
    // 3 x 4 rectangle at the origin: cells with row + col < 2 are (0,0), (0,1), (1,0).
    assertEquals(3, DemandGeometry.cellsBelowDiagonal(0, 3, 0, 4, 2));
    assertEquals(0, DemandGeometry.cellsBelowDiagonal(0, 3, 0, 4, 0));
    assertEquals(12, DemandGeometry.cellsBelowDiagonal(0, 3, 0, 4, 100));
    // rows 2..3, cols 1..2 (row + col from 3 to 5): below 5 are (2,1), (2,2), (3,1).
    assertEquals(3, DemandGeometry.cellsBelowDiagonal(2, 2, 1, 3, 5));
  }

  @Test
  void writeBufferDrainsByHand() {
    // 4 words: active half 2, drain half 2, at 1 word per line: 2 lines per drain. (Checked against
    // write_buffer.py on the same input: outputs 0, 1, 2; 9 writes; DRAM cycles 0..4.)
    WriteBufferModel w = new WriteBufferModel(4, 1);
    // Cycle 0, 3 words: free 3, 2, then 1 < 2 -> drain lines 0-1 at cycles 0..1; free 3.
    assertEquals(0, w.serve(3, 0));
    // Cycle 1 (drain ended at 1, not still running): free 2, then 1 -> drain lines 2-3 at 1..2, free 3;
    // the 3rd word finds the drain running but free 2 > 0: no stall.
    assertEquals(1, w.serve(3, 1));
    // Cycle 2: free 1 -> drain lines 4-5 at 2..3; free 2, 1 while it runs: no stall.
    assertEquals(2, w.serve(3, 2));
    // End of layer at cycle 2: lines 6-7 at 2..3, line 8 at 4.
    w.flush(2);
    assertEquals(9, w.dramWrites());
    assertEquals(0, w.dramStartCycle());
    assertEquals(4, w.dramStopCycle());
  }

  @Test
  void writeBufferDrainsOneLinePerWordWhenHalfIsOneLine() {
    // 2 words: active half 1, drain half 1 line. Each word past the first leaves free 0 < 1 and drains its
    // line at once (a one-line drain ends in the cycle it starts, so it never blocks the next word).
    WriteBufferModel w = new WriteBufferModel(2, 1);
    assertEquals(5, w.serve(2, 5));
    assertEquals(5, w.serve(2, 5));
    w.flush(5);
    assertEquals(4, w.dramWrites());
    assertEquals(5, w.dramStartCycle());
    assertEquals(5, w.dramStopCycle());
  }

  @Test
  void writeBufferStallsUntilTheDrainEnds() {
    // 4 words at 1 word per line: drain of 2 lines. 3 words at cycle 0 start a drain at 0..1 (free 3);
    // 4 words at cycle 0 (a second line of the same cycle is impossible in SCALE-Sim, but the buffer
    // does not care): free 2, 1, 0 -> full while the drain runs: stall to cycle 1, then the 4th word
    // (free -1 < 2) starts the next drain at 1.
    WriteBufferModel w = new WriteBufferModel(4, 1);
    assertEquals(0, w.serve(3, 0));
    assertEquals(1, w.serve(4, 0));
  }

  @Test
  void largeGemmCostsLinesNotRequests() {
    // 1 x 6912 x 2560 (a 2.56k -> 6.9k projection for one token) on 128 x 128, 64 kB, 10 words/cycle.
    // SCALE-Sim iterates over every SRAM request (17.7 M filter words); the model walks demand lines and
    // prefetch events. Measured: 20-40 ms per dataflow once warm (see simulator/README.md).
    ScaleSimLayer l = ScaleSimLayer.gemm("proj", 1, 6912, 2560);
    for (Dataflow df : Dataflow.values()) {
      ScaleSimConfig c = config(128, 128, df, 64, true, 10);
      MemorySimulation.Work work = new MemorySimulation.Work();
      ScaleSimAccess a = access(c, l, false, work);
      ScaleSimLayerReport r = ScaleSimModel.layer(0, l, 128, 128, df);
      assertEquals(r.mapping().folds() * ScaleSimModel.linesPerFold(r.mapping()), work.lines);
      long prefetchLines = (a.ifmapDramReads() + a.filterDramReads()) / 10;
      long prefetches = prefetchLines / (32 * 1024 / 10);
      // Each line costs O(1) steps per buffer, each prefetch one step.
      assertTrue(work.bufferSteps <= 4 * work.lines + 2 * prefetches + 16,
          () -> df + ": " + work.bufferSteps + " steps for " + work.lines + " lines");
      assertTrue(work.bufferSteps * 10 < work.requests, () -> df + ": steps " + work.bufferSteps
          + " not well below the " + work.requests + " requests");
    }
  }
}
