/** The built-in {@link dev.packit.forge.spi.ForgeProvider}s and the registry that loads them. Not API. */
@NullMarked
package dev.packit.forge.internal.providers;

import org.jspecify.annotations.NullMarked;
