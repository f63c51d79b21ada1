/**
 * GitHub (REST v3, github.com and GitHub Enterprise): {@link dev.packit.forge.github.GitHub#builder()}
 * builds a {@link dev.packit.forge.github.GitHubForge}.
 */
package dev.packit.forge.github;
