package dev.tritium.isa;

/**
 * The four dependency flags of every instruction (VTA semantics). "prev"/"next" are the neighbouring
 * queues of the instruction's own queue. Pops happen before the instruction starts (each waits until
 * its counter is positive, then decrements it); pushes increment their counters when it completes.
 */
public record Deps(boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {

  /** No flags. */
  public static final Deps NONE = new Deps(false, false, false, false);

  public static Deps of(boolean popPrev, boolean popNext, boolean pushPrev, boolean pushNext) {
    return new Deps(popPrev, popNext, pushPrev, pushNext);
  }

  public boolean isEmpty() {
    return !popPrev && !popNext && !pushPrev && !pushNext;
  }

  public Deps withPopPrev(boolean v) {
    return new Deps(v, popNext, pushPrev, pushNext);
  }

  public Deps withPopNext(boolean v) {
    return new Deps(popPrev, v, pushPrev, pushNext);
  }

  public Deps withPushPrev(boolean v) {
    return new Deps(popPrev, popNext, v, pushNext);
  }

  public Deps withPushNext(boolean v) {
    return new Deps(popPrev, popNext, pushPrev, v);
  }
}
