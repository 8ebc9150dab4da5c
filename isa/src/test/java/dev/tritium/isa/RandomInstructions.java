package dev.tritium.isa;

import dev.tritium.isa.encoding.FieldSpec;
import dev.tritium.isa.encoding.Format;
import dev.tritium.isa.encoding.IsaSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random instructions that fit their encoding (any opcode, any legal field value), from the spec. */
public final class RandomInstructions {

  private RandomInstructions() {}

  public static Instruction next(SplittableRandom r) {
    List<Format> formats = IsaSpec.formats();
    Format f = formats.get(r.nextInt(formats.size()));
    long[] v = new long[f.fields().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(f.fields().get(i), r);
    }
    Deps d = new Deps(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
    return f.build().apply(d, v);
  }

  public static List<Instruction> program(SplittableRandom r, int size) {
    List<Instruction> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(next(r));
    }
    return out;
  }

  private static long value(FieldSpec fs, SplittableRandom r) {
    switch (fs.kind()) {
      case ENUM:
        return r.nextInt(fs.enumNames().size());
      case BOOL:
        return r.nextInt(2);
      default:
        int pick = r.nextInt(8);
        if (pick == 0) {
          return 0;
        }
        if (pick == 1) {
          return fs.maxValue();
        }
        return r.nextLong() & fs.maxValue();
    }
  }
}
