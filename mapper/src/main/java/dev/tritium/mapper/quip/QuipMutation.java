package dev.tritium.mapper.quip;

import dev.tritium.models.format.IntGrid;
import dev.tritium.models.format.Quip;

/**
 * A deliberate change on the accelerator's side (or in the golden) that a quip-w2 cross-check must catch: proof that
 * the check looks at the codes, the signs and the outputs.
 */
public sealed interface QuipMutation {

  /** The weights the accelerator gets. */
  Quip.Weights apply(Quip.Weights w);

  String describe();

  /** No change. */
  record None() implements QuipMutation {
    @Override
    public Quip.Weights apply(Quip.Weights w) {
      return w;
    }

    @Override
    public String describe() {
      return "none";
    }
  }

  /** Code (row, col) with its low bit flipped (q -> q ^ 1, still 0..3). */
  record FlippedCode(int row, int col) implements QuipMutation {
    @Override
    public Quip.Weights apply(Quip.Weights w) {
      IntGrid.Codes c = w.codes();
      int[] codes = c.codes().clone();
      codes[row * w.cols() + col] ^= 1;
      return new Quip.Weights(w.rows(), w.cols(), new IntGrid.Codes(codes, c.groups(), c.rows(), c.cols(), c.group()),
          w.du(), w.dv());
    }

    @Override
    public String describe() {
      return "code [" + row + "][" + col + "] low bit flipped";
    }
  }

  /** The sign of D_V at index k negated. */
  record FlippedInputSign(int k) implements QuipMutation {
    @Override
    public Quip.Weights apply(Quip.Weights w) {
      byte[] dv = w.dv().clone();
      dv[k] = (byte) -dv[k];
      return new Quip.Weights(w.rows(), w.cols(), w.codes(), w.du(), dv);
    }

    @Override
    public String describe() {
      return "sign " + k + " of D_V negated";
    }
  }

  /** The golden's first value one ulp up (the accelerator unchanged). */
  record GoldenUlp() implements QuipMutation {
    @Override
    public Quip.Weights apply(Quip.Weights w) {
      return w;
    }

    @Override
    public String describe() {
      return "golden y[0] one ulp up";
    }
  }
}
