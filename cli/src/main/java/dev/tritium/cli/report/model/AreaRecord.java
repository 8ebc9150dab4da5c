package dev.tritium.cli.report.model;

/** Silicon area of one unit of the chosen design (a row of DIR/area.csv). */
public record AreaRecord(String unit, double areaUm2) {}
