/**
 * GitHub (REST v3, github.com and GitHub Enterprise): {@link dev.packit.forge.github.GitHub#builder()}
 * builds a {@link dev.packit.forge.github.GitHubForge}.
 */
@NullMarked
package dev.packit.forge.github;

import org.jspecify.annotations.NullMarked;
