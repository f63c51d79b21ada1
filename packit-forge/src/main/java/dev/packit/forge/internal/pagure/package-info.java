/** The pagure implementation of {@code dev.packit.forge.Forge}. Not API. */
@NullMarked
package dev.packit.forge.internal.pagure;

import org.jspecify.annotations.NullMarked;
