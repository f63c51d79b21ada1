/** The pagure implementation of {@code dev.packit.forge.Forge}. Not API. */
package dev.packit.forge.internal.pagure;
