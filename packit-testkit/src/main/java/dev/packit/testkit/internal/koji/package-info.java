/**
 * The sandbox's fake Koji hub (internal): XML-RPC dispatch, sessions, builds and tasks, tags,
 * targets and side tags, and build messages. Tests use it through
 * {@link dev.packit.testkit.SandboxKoji}.
 */
@NullMarked
package dev.packit.testkit.internal.koji;

import org.jspecify.annotations.NullMarked;
