package dev.tritium.mapper.fp16act;

import dev.tritium.mapper.fp16act.FloatLinearPlan.Outliers;
import dev.tritium.mapper.fp16act.FloatLinearPlan.SignPlane;
import java.util.ArrayList;
import java.util.List;

/**
 * One fault put into the accelerator's side of an fp16-activation cross-check (its plan, so its DRAM image) or into
 * the golden output, to show the check catches it: each must turn a PASS into a FAIL.
 */
public sealed interface FloatMutation {

  /** No fault. */
  record None() implements FloatMutation {
    @Override
    public String describe() {
      return "none";
    }
  }

  /** The first nonzero weight of {@code plane} negated (a flipped sign bit). */
  record SignFlip(int plane) implements FloatMutation {
    @Override
    public String describe() {
      return "sign of the first nonzero weight of plane " + plane + " flipped";
    }
  }

  /** Row 0's scale of {@code plane} in group 0 moved one ulp up. */
  record ScaleUlp(int plane) implements FloatMutation {
    @Override
    public String describe() {
      return "scale of plane " + plane + ", row 0, group 0 one ulp up";
    }
  }

  /**
   * A mask bit flipped: the first nonzero weight of plane {@code from} moves to plane {@code to} at the same place
   * (BiLLM's concentrated / sparse split).
   */
  record MaskMove(int from, int to) implements FloatMutation {
    @Override
    public String describe() {
      return "mask bit flipped: a weight moved from plane " + from + " to plane " + to;
    }
  }

  /**
   * The first salient column's mask bit flipped in BiLLM's stored form ({@link MaskedSigns}): that column's weights
   * are read as concentrated or sparse ones instead.
   */
  record ColumnMaskFlip() implements FloatMutation {
    @Override
    public String describe() {
      return "column mask bit of the first salient column flipped";
    }
  }

  /**
   * A flipped bit of PB-LLM's bitmap index: the first outlier becomes a binary weight +1 at the same place (its entry
   * leaves the outliers, the plane gains the weight).
   */
  record OutlierToSign() implements FloatMutation {
    @Override
    public String describe() {
      return "bitmap bit of the first outlier cleared: it becomes a binary +1";
    }
  }

  /** The first outlier's column moved one to the right (a wrong index). */
  record OutlierColumn() implements FloatMutation {
    @Override
    public String describe() {
      return "column of the first outlier + 1";
    }
  }

  /** The golden output's first value moved one ulp up. */
  record GoldenUlp() implements FloatMutation {
    @Override
    public String describe() {
      return "golden output[0] one ulp up";
    }
  }

  /** What the fault is, for report titles. */
  String describe();

  /** The plan the accelerator side compiles: {@code plan} with the fault when it is one of the plan's. */
  default FloatLinearPlan apply(FloatLinearPlan plan) {
    List<SignPlane> planes = new ArrayList<>(plan.planes());
    if (this instanceof SignFlip f) {
      byte[] v = planes.get(f.plane()).values().clone();
      int i = firstNonzero(v);
      v[i] = (byte) -v[i];
      planes.set(f.plane(), new SignPlane(v, planes.get(f.plane()).scales()));
    } else if (this instanceof ScaleUlp s) {
      float[][] scales = planes.get(s.plane()).scales().clone();
      scales[0] = scales[0].clone();
      scales[0][0] = Math.nextUp(scales[0][0]);
      planes.set(s.plane(), new SignPlane(planes.get(s.plane()).values(), scales));
    } else if (this instanceof MaskMove mm) {
      byte[] from = planes.get(mm.from()).values().clone();
      byte[] to = planes.get(mm.to()).values().clone();
      int i = firstNonzero(from);
      to[i] = from[i];
      from[i] = 0;
      planes.set(mm.from(), new SignPlane(from, planes.get(mm.from()).scales()));
      planes.set(mm.to(), new SignPlane(to, planes.get(mm.to()).scales()));
    } else if (this instanceof ColumnMaskFlip) {
      MaskedSigns stored = MaskedSigns.of(plan).orElseThrow(() -> new IllegalArgumentException(
          "the plan has no column mask (BiLLM's four planes)"));
      int j = 0;
      while (!stored.c()[j]) {
        j++;
      }
      planes = new ArrayList<>(stored.withColumnFlipped(j).planes(planes));
    } else if (this instanceof OutlierToSign) {
      Outliers o = plan.outliers().orElseThrow(() -> new IllegalArgumentException("the format has no outliers"));
      int row = 0;
      while (o.rowStart()[row + 1] == 0) {
        row++;
      }
      byte[] v = planes.get(0).values().clone();
      v[row * plan.cols() + o.columns()[0]] = 1;
      planes.set(0, new SignPlane(v, planes.get(0).scales()));
      int[] rowStart = o.rowStart().clone();
      for (int r = row + 1; r < rowStart.length; r++) {
        rowStart[r]--;
      }
      return new FloatLinearPlan(plan.name(), plan.rows(), plan.cols(), plan.group(), planes,
          java.util.Optional.of(new Outliers(rowStart, java.util.Arrays.copyOfRange(o.columns(), 1, o.columns().length),
              java.util.Arrays.copyOfRange(o.q(), 1, o.q().length), o.scale(), o.bitmap())), plan.inputScale(),
          plan.shift());
    } else if (this instanceof OutlierColumn) {
      Outliers o = plan.outliers().orElseThrow(() -> new IllegalArgumentException("the format has no outliers"));
      int[] cols = o.columns().clone();
      cols[0] = (cols[0] + 1) % plan.cols();
      return new FloatLinearPlan(plan.name(), plan.rows(), plan.cols(), plan.group(), planes,
          java.util.Optional.of(new Outliers(o.rowStart(), cols, o.q(), o.scale(), o.bitmap())), plan.inputScale(),
          plan.shift());
    } else {
      return plan;
    }
    return new FloatLinearPlan(plan.name(), plan.rows(), plan.cols(), plan.group(), planes, plan.outliers(),
        plan.inputScale(), plan.shift());
  }

  private static int firstNonzero(byte[] v) {
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("the plane has no nonzero weight to mutate");
  }
}
