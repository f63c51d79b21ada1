/** The Forgejo (API v1) client behind {@link dev.packit.forge.forgejo.Forgejo}. Not API. */
@NullMarked
package dev.packit.forge.internal.forgejo;

import org.jspecify.annotations.NullMarked;
