/**
 * One API over GitHub, GitLab, Pagure and Forgejo: repositories, releases, forks, pull requests and
 * commit statuses.
 */
@NullMarked
package dev.packit.forge;

import org.jspecify.annotations.NullMarked;
