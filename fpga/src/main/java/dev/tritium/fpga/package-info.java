/** Tritium fpga module; see fpga/README.md for what it owns. */
package dev.tritium.fpga;
