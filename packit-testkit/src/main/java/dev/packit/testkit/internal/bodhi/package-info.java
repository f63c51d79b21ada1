/**
 * The sandbox's fake Bodhi (internal).
 */
@NullMarked
package dev.packit.testkit.internal.bodhi;

import org.jspecify.annotations.NullMarked;
