/**
 * One API over GitHub, GitLab and Pagure: repositories, releases, forks, pull requests and
 * commit statuses.
 */
package dev.packit.forge;
