/**
 * Benchmarks, run on demand: JMH benchmarks and the lookaside upload harness.
 */
package dev.packit.benchmarks;
