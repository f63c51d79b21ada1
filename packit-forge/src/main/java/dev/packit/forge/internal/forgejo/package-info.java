/** The Forgejo (API v1) client behind {@link dev.packit.forge.forgejo.Forgejo}. Not API. */
package dev.packit.forge.internal.forgejo;
