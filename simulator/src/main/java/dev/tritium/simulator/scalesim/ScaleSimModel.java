package dev.tritium.simulator.scalesim;

import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.SystolicMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SCALE-Sim v2's reports without its per-cycle matrices: closed forms for the stall-free compute report and
 * Tritium's native schedule (O(folds) for the two averages, summed in SCALE-Sim's order so the printed
 * floats match), and {@link #run} adds SCALE-Sim's memory system (stalls, DRAM traffic, access cycles) as
 * an event model over demand lines ({@link MemorySimulation}), O(1) per line and per prefetch.
 *
 * <p>Derivation from SCALE-Sim's {@code systolic_compute_*.py}: each fold's demand matrices have a fixed
 * number of rows ("lines", one per cycle); the memory system in CALC mode never stalls, and the report's
 * Total Cycles is the cycle index of the last line, i.e. {@code folds x lines - 1}.
 *
 * <pre>
 *   ws, is: lines = 2R + C + T - 2   (R tile-load lines + T streamed vectors + C - 1 drain lines,
 *                                     then the skew adds R - 1)
 *           util cycles per fold = 2R + 2C + T - 3
 *   os:     lines = T + R + C - 2,   util cycles per fold = T + R + C - 2
 * </pre>
 *
 * Per fold, mapping efficiency = used PEs / (R C) and compute util = used PEs x T / (R C x util cycles);
 * the report gives their means over all folds, times 100.
 */
public final class ScaleSimModel {

  /** Above this many folds the two averages use the algebraic form (may differ in the last ulp). */
  static final long MAX_FOLDS_SUMMED = 100_000_000L;

  private ScaleSimModel() {}

  /** Reports for every layer of a topology, in order (layer ids from 0), with {@link PythonSum#DEFAULT}. */
  public static List<ScaleSimLayerReport> run(ScaleSimConfig config, List<ScaleSimLayer> layers) {
    return run(config, layers, PythonSum.DEFAULT);
  }

  /** Reports for every layer, averaging as the given CPython {@code sum()} does. */
  public static List<ScaleSimLayerReport> run(ScaleSimConfig config, List<ScaleSimLayer> layers, PythonSum sum) {
    List<ScaleSimLayerReport> out = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      ScaleSimLayerReport r = layer(i, layers.get(i), config.arrayHeight(), config.arrayWidth(),
          config.dataflow(), sum);
      try {
        out.add(r.withAccess(access(config, r, null, false)));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException("layer " + i + " '" + layers.get(i).name() + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Runs the layer of {@code r} through SCALE-Sim's memory system as {@code config} sets it up: in USER mode
   * the read buffers fetch {@code Bandwidth[0]} words per request line and stall the array; in CALC mode they
   * only estimate (10 words per line) and the ofmap drains {@code ArrayWidth} words per line.
   *
   * @param explicitTables true to track every address in tables even where the closed forms apply (the
   *     reference the fast path is tested against)
   */
  static ScaleSimAccess access(ScaleSimConfig config, ScaleSimLayerReport r, MemorySimulation.Work work,
      boolean explicitTables) {
    DemandGeometry geo = new DemandGeometry(r.layer(), r.mapping());
    if (geo.lines > MAX_DEMAND_LINES) {
      throw new IllegalArgumentException("the memory model walks one step per demand line and this layer has "
          + geo.lines + " (" + r.mapping().folds() + " folds x " + geo.linesPerFold + " lines); expected at most "
          + MAX_DEMAND_LINES + " (split the layer, or use a larger array)");
    }
    long ifmapWords = Math.multiplyExact(config.ifmapSramKb(), 1024);
    long filterWords = Math.multiplyExact(config.filterSramKb(), 1024);
    long ofmapWords = Math.multiplyExact(config.ofmapSramKb(), 1024);
    ReadBufferModel ifmap;
    ReadBufferModel filter;
    WriteBufferModel ofmap;
    if (config.bandwidthMode() == ScaleSimConfig.BandwidthMode.USER) {
      long bw = config.bandwidthsWordsPerCycle().get(0);
      ifmap = userBuffer(geo, geo.ifmapStream, ifmapWords, bw, explicitTables);
      filter = userBuffer(geo, geo.filterStream, filterWords, bw, explicitTables);
      ofmap = new WriteBufferModel(ofmapWords, bw);
    } else {
      ifmap = new EstimateReadBuffer(geo, geo.ifmapStream, ifmapWords, CALC_READ_BANDWIDTH, explicitTables);
      filter = new EstimateReadBuffer(geo, geo.filterStream, filterWords, CALC_READ_BANDWIDTH, explicitTables);
      ofmap = new WriteBufferModel(ofmapWords, config.arrayWidth());
    }
    return MemorySimulation.run(geo, ifmap, filter, ofmap, work);
  }

  /** Most demand lines the memory model walks for one layer (about 20 s at the measured 10-30 ns a line). */
  static final long MAX_DEMAND_LINES = 1L << 30;

  /** SCALE-Sim's fixed read bandwidth in CALC mode ({@code single_layer_sim.py}: "10 elems per cycle"). */
  static final long CALC_READ_BANDWIDTH = 10;

  private static ReadBufferModel userBuffer(DemandGeometry geo, DemandGeometry.Stream s, long words, long bw,
      boolean explicitTables) {
    boolean ranked = geo.distinctAddresses(s) && !explicitTables;
    return new UserReadBuffer(geo, s, words, bw, ranked ? null : new ExplicitSetIndex(geo, s, words));
  }

  /** The report of one layer on an R x C array, with {@link PythonSum#DEFAULT}. */
  public static ScaleSimLayerReport layer(int layerId, ScaleSimLayer layer, int rows, int cols, Dataflow df) {
    return layer(layerId, layer, rows, cols, df, PythonSum.DEFAULT);
  }

  /** The report of one layer on an R x C array, averaging as the given CPython {@code sum()} does. */
  public static ScaleSimLayerReport layer(int layerId, ScaleSimLayer layer, int rows, int cols, Dataflow df,
      PythonSum sum) {
    try {
      return exactLayer(layerId, layer, rows, cols, df, sum);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("layer " + layerId + " '" + layer.name() + "': its cycle and access counts "
          + "do not fit in 64-bit integers on a " + rows + "x" + cols + " array (expected a layer whose "
          + "M x N x K and cycle count stay below 2^63)", e);
    }
  }

  /** The report, every count in exact 64-bit arithmetic (an overflow throws, never wraps negative). */
  private static ScaleSimLayerReport exactLayer(int layerId, ScaleSimLayer layer, int rows, int cols, Dataflow df,
      PythonSum sum) {
    SystolicMapping map = SystolicMapping.of(layer.ofmapPixels(), layer.numFilters(), layer.windowSize(), rows, cols, df);
    long r = rows;
    long c = cols;
    long t = map.t();
    long folds = map.folds();
    long lines = linesPerFold(map);
    long utilCycles = Math.addExact(t, df == Dataflow.OS ? r + c - 2 : 2 * r + 2 * c - 3);
    long total = Math.multiplyExact(folds, lines) - 1;
    long pes = r * c;

    double mapEffSum;
    double computeUtilSum;
    if (folds <= MAX_FOLDS_SUMMED) {
      // SCALE-Sim appends per-fold values column fold outer, row fold inner, then sum()s them.
      PythonSum.Accumulator mapEffAcc = sum.accumulator();
      PythonSum.Accumulator computeUtilAcc = sum.accumulator();
      for (long fc = 0; fc < map.colFolds(); fc++) {
        long colsUsed = map.colsUsed(fc);
        for (long fr = 0; fr < map.rowFolds(); fr++) {
          long used = map.rowsUsed(fr) * colsUsed;
          mapEffAcc.add(PythonNumbers.trueDivide(used, pes));
          computeUtilAcc.add(PythonNumbers.trueDivide(Math.multiplyExact(used, t), Math.multiplyExact(pes, utilCycles)));
        }
      }
      mapEffSum = mapEffAcc.result();
      computeUtilSum = computeUtilAcc.result();
    } else {
      // Sum over folds of used PEs = Sr x Sc exactly.
      mapEffSum = (double) map.sr() * map.sc() / pes;
      computeUtilSum = (double) map.sr() * map.sc() * t / ((double) pes * utilCycles);
    }
    double mappingEff = mapEffSum / folds * 100;
    double computeUtil = computeUtilSum / folds * 100;
    long numCompute = layer.macs();
    double overallUtil = PythonNumbers.trueDivide(Math.multiplyExact(numCompute, 100), Math.multiplyExact(total, pes));

    long rowFolds = map.rowFolds();
    long colFolds = map.colFolds();
    long ifmapReads;
    long filterReads;
    long ofmapWrites;
    long ofmapElements;
    switch (df) {
      case WS -> {
        ifmapReads = product(colFolds, t, map.sr());
        filterReads = product(map.sr(), map.sc());
        ofmapWrites = product(rowFolds, t, map.sc());
        ofmapElements = ofmapWrites;
      }
      case OS -> {
        ifmapReads = product(colFolds, t, map.sr());
        filterReads = product(rowFolds, t, map.sc());
        // SCALE-Sim's OS also adds (R + C) per fold to its write counter (after padding the fold to R x C).
        ofmapElements = product(map.sr(), map.sc());
        ofmapWrites = Math.addExact(ofmapElements, product(folds, r + c));
      }
      case IS -> {
        ifmapReads = product(map.sr(), map.sc());
        filterReads = product(colFolds, t, map.sr());
        ofmapWrites = product(rowFolds, t, map.sc());
        ofmapElements = ofmapWrites;
      }
      default -> throw new IllegalStateException("unreachable dataflow " + df);
    }
    long ifmapDram = distinctIfmapWords(layer);
    long filterDram = product(layer.windowSize(), layer.numFilters());
    return new ScaleSimLayerReport(layerId, layer, map, total, 0, overallUtil, mappingEff, computeUtil,
        ifmapReads, filterReads, ofmapWrites, ifmapDram, filterDram, ofmapElements,
        NativeSchedule.totalCycles(map), Optional.empty());
  }

  /** Demand-matrix rows per fold: the cycles one fold occupies in SCALE-Sim's fold-serialised schedule. */
  static long linesPerFold(SystolicMapping map) {
    long r = map.rows();
    long c = map.cols();
    long t = map.t();
    return Math.addExact(t, map.dataflow() == Dataflow.OS ? r + c - 2 : 2 * r + c - 2);
  }

  /** Distinct ifmap elements any convolution window touches (SCALE-Sim's padded addresses excluded). */
  static long distinctIfmapWords(ScaleSimLayer l) {
    return product(coveredExtent(l.ifmapHeight(), l.filterHeight(), l.strideHeight(), l.ofmapHeight()),
        coveredExtent(l.ifmapWidth(), l.filterWidth(), l.strideWidth(), l.ofmapWidth()), l.channels());
  }

  private static long coveredExtent(long in, long filter, long stride, long out) {
    long lastStart = (out - 1) * stride;
    if (stride <= filter) {
      return Math.min(in, lastStart + filter);
    }
    return (out - 1) * filter + Math.min(filter, in - lastStart);
  }

  /** Exact product of counts; ArithmeticException on overflow. */
  private static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      p = Math.multiplyExact(p, f);
    }
    return p;
  }
}
