package dev.tritium.simulator.energy;

/** A published law that moves energy and area figures from one technology node to another. */
public sealed interface ScalingLaw permits StillmakerBaas2017 {

  /**
   * Factor to multiply an energy at {@code fromNm} by to get the energy at {@code toNm}.
   *
   * @throws IllegalArgumentException if a node lies outside the law's range
   */
  double energyFactor(int fromNm, int toNm);

  /** Factor to multiply an area at {@code fromNm} by to get the area at {@code toNm}. */
  double areaFactor(int fromNm, int toNm);

  /** Which law, which device flavour and supply, in one paragraph for reports. */
  String description();
}
