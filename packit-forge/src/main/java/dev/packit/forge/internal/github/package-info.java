/** The github implementation of {@code dev.packit.forge.Forge}. Not API. */
@NullMarked
package dev.packit.forge.internal.github;

import org.jspecify.annotations.NullMarked;
