/**
 * A lossless, macro-aware RPM spec file model and editor that needs no librpm.
 *
 * <pre>{@code
 * SpecFile spec = SpecFile.read(Path.of("hello.spec"));
 * Nevr nevr = spec.nevr();                              // name/epoch/version/release as rpm computes them
 * SpecFile updated = spec.withVersion("1.3")            // keeps %{majorver}.%{minorver} macros
 *     .withReleaseReset()
 *     .withChangelogEntry(ChangelogRequest.of("Jane Doe <jane@example.org>",
 *         LocalDate.of(2026, 11, 23), "Update to 1.3"));
 * updated.write(Path.of("hello.spec"));                  // atomic replace, CRLF and bytes kept
 * }</pre>
 *
 * <p>{@link dev.packit.core.spec.SpecFile} accepts any bytes and never throws on content; an
 * unedited {@code toBytes()} is byte-identical to the input. Evaluation
 * ({@link dev.packit.core.spec.SpecEvaluation}) runs a Java re-implementation of rpm's macro
 * expander per call, so it is thread-safe and has no global state.
 */
@NullMarked
package dev.packit.core.spec;

import org.jspecify.annotations.NullMarked;
