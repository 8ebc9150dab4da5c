/** Tritium mapper module; see mapper/README.md for what it owns. */
package dev.tritium.mapper;
