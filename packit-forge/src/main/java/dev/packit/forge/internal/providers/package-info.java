/** The built-in {@link dev.packit.forge.spi.ForgeProvider}s and the registry that loads them. Not API. */
package dev.packit.forge.internal.providers;
