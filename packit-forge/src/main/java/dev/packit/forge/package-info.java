/**
 * One API over GitHub, GitLab, Pagure and Forgejo: repositories, releases, forks, pull requests and
 * commit statuses.
 */
package dev.packit.forge;
