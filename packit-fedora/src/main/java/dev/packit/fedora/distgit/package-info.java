/**
 * Dist-git: package repositories ({@code rpms/<name>}), their branches and forks, the
 * {@code sources} workflow ({@link dev.packit.fedora.distgit.NewSources}) and pull requests.
 *
 * <pre>{@code
 * NewSources.Result r = NewSources.run(lookaside, "hello", checkout, List.of(archive));
 * }</pre>
 */
@NullMarked
package dev.packit.fedora.distgit;

import org.jspecify.annotations.NullMarked;
