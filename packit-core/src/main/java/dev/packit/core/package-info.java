/**
 * Cross-cutting types shared by every packit-java module: the {@link dev.packit.core.PackitException} hierarchy, {@link dev.packit.core.Redaction} of secrets, and version information.
 */
@NullMarked
package dev.packit.core;

import org.jspecify.annotations.NullMarked;
