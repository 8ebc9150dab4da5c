/** Tritium simulator module; see simulator/README.md for what it owns. */
package dev.tritium.simulator;
