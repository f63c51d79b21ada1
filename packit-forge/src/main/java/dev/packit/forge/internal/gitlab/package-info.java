/** The gitlab implementation of {@code dev.packit.forge.Forge}. Not API. */
@NullMarked
package dev.packit.forge.internal.gitlab;

import org.jspecify.annotations.NullMarked;
