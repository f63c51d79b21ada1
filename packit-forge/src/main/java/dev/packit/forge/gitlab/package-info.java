/**
 * GitLab (API v4, gitlab.com and self-hosted): {@link dev.packit.forge.gitlab.GitLab#builder()}
 * builds a {@link dev.packit.forge.gitlab.GitLabForge}.
 */
@NullMarked
package dev.packit.forge.gitlab;

import org.jspecify.annotations.NullMarked;
