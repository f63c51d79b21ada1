/**
 * Cross-cutting types shared by every packit-java module: the {@code PackitException} hierarchy and version information.
 */
package dev.packit.core;
