/**
 * The sandbox's fake Bodhi (internal).
 */
package dev.packit.testkit.internal.bodhi;
