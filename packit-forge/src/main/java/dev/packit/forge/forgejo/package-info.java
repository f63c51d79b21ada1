/**
 * Forgejo (API v1; Codeberg, forge.fedoraproject.org, Fedora's dist-git after its move, and Gitea):
 * {@link dev.packit.forge.forgejo.Forgejo#builder()} builds a {@link dev.packit.forge.forgejo.ForgejoForge}.
 */
@NullMarked
package dev.packit.forge.forgejo;

import org.jspecify.annotations.NullMarked;
