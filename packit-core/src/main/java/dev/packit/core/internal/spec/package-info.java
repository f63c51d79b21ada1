/**
 * Implementation of the spec file model: the byte-exact line model, the structural parser, the
 * rpm-compatible macro expander and expression evaluator, and the editor. Not exported.
 */
package dev.packit.core.internal.spec;
