/**
 * Implementation of the spec file model: the byte-exact line model, the structural parser, the
 * rpm-compatible macro expander and expression evaluator, and the editor. Not exported.
 */
@NullMarked
package dev.packit.core.internal.spec;

import org.jspecify.annotations.NullMarked;
