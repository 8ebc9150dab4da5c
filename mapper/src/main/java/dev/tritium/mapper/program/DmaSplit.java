package dev.tritium.mapper.program;

import dev.tritium.isa.Load;
import dev.tritium.isa.Opcode;
import dev.tritium.isa.Store;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.IsaSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a LOAD or STORE whose rows or bytes per row exceed what the 128-bit encoding holds (14-bit rows,
 * 17-bit row_bytes) into transfers that fit, covering the same bytes in the same order: a long row into pieces
 * of at most {@link #PIECE_BYTES} (whole 4 KiB pages, so no piece adds a partial DRAM burst in the middle), many
 * rows into groups of at most the row limit. The simulator would run the unsplit transfer, but the program
 * could not be encoded, exported or run on the HLS accelerator.
 */
final class DmaSplit {

  private static final long MAX_ROWS = field(Opcode.LOAD, "rows");
  private static final long MAX_ROW_BYTES = field(Opcode.LOAD, "row_bytes");
  /** The largest multiple of 4 KiB that fits row_bytes. */
  static final long PIECE_BYTES = MAX_ROW_BYTES / 4096 * 4096;

  private DmaSplit() {}

  private static long field(Opcode op, String name) {
    Format f = IsaSpec.format(op);
    return f.fields().get(f.indexOf(name)).maxValue();
  }

  static boolean fits(int rows, int rowBytes) {
    return rows <= MAX_ROWS && rowBytes <= MAX_ROW_BYTES;
  }

  /** One transfer of the split: rows x rowBytes at the given offsets from the original's starts. */
  record Piece(long sramOffset, long dramOffset, int rows, int rowBytes) {}

  /** The pieces of a rows x rowBytes transfer whose DRAM rows are dramStride apart (SRAM rows are contiguous). */
  static List<Piece> pieces(int rows, int rowBytes, long dramStride) {
    List<Piece> out = new ArrayList<>();
    if (rowBytes > MAX_ROW_BYTES) {
      for (int r = 0; r < rows; r++) {
        for (long b = 0; b < rowBytes; b += PIECE_BYTES) {
          out.add(new Piece((long) r * rowBytes + b, r * dramStride + b, 1, (int) Math.min(PIECE_BYTES, rowBytes - b)));
        }
      }
      return out;
    }
    for (int r = 0; r < rows; r += (int) MAX_ROWS) {
      out.add(new Piece((long) r * rowBytes, r * dramStride, (int) Math.min(MAX_ROWS, rows - r), rowBytes));
    }
    return out;
  }

  static List<Load> loads(List<Load> loads) {
    List<Load> out = new ArrayList<>();
    for (Load l : loads) {
      if (fits(l.rows(), l.rowBytes())) {
        out.add(l);
        continue;
      }
      for (Piece p : pieces(l.rows(), l.rowBytes(), l.dramStrideBytes())) {
        out.add(new Load(l.deps(), l.buffer(), l.sramAddr() + p.sramOffset(), l.dramAddr() + p.dramOffset(), p.rows(),
            p.rowBytes(), p.rows() == 1 ? 0 : l.dramStrideBytes()));
      }
    }
    return out;
  }

  static List<Store> stores(List<Store> stores) {
    List<Store> out = new ArrayList<>();
    for (Store s : stores) {
      if (fits(s.rows(), s.rowBytes())) {
        out.add(s);
        continue;
      }
      for (Piece p : pieces(s.rows(), s.rowBytes(), s.dramStrideBytes())) {
        out.add(new Store(s.deps(), s.buffer(), s.sramAddr() + p.sramOffset(), s.dramAddr() + p.dramOffset(),
            p.rows(), p.rowBytes(), p.rows() == 1 ? 0 : s.dramStrideBytes()));
      }
    }
    return out;
  }
}
