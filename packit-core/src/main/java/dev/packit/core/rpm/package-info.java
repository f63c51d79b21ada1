/**
 * RPM version semantics: {@link dev.packit.core.rpm.RpmVersion} (epoch, version, release) and
 * {@link dev.packit.core.rpm.RpmVersion#rpmvercmp(String, String)}, the exact comparison rpm uses
 * (including {@code ~} pre-releases and {@code ^} post-release snapshots).
 *
 * <pre>{@code
 * RpmVersion.parse("1.0~rc1-1").compareTo(RpmVersion.parse("1.0-1")) < 0   // true
 * }</pre>
 */
@NullMarked
package dev.packit.core.rpm;

import org.jspecify.annotations.NullMarked;
