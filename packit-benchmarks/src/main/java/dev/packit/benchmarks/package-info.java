/**
 * Benchmarks, run on demand: JMH benchmarks and the lookaside upload harness.
 */
@NullMarked
package dev.packit.benchmarks;

import org.jspecify.annotations.NullMarked;
