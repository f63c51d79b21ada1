/**
 * Local git on JGit: clone (shallow, single-branch), fetch, branch, commit, push and history,
 * without a {@code git} binary. Repositories written here are plain git repositories that the
 * {@code git} CLI reads, and the other way round.
 *
 * <pre>{@code
 * try (LocalRepository repo = LocalRepository.cloneFrom(CloneRequest.builder(uri, dir)
 *     .branch("rawhide").singleBranch(true).depth(1).credentials(GitCredentials.token("packit", token)).build())) {
 *   Files.writeString(repo.directory().resolve("hello.spec"), spec);
 *   repo.addAll();
 *   repo.commit("Update to 1.2", GitIdentity.of("Packit", "packit@example.org"));
 *   repo.push(PushRequest.builder("origin").refSpec("HEAD:refs/heads/1.2-rawhide").force(true).build());
 * }
 * }</pre>
 */
@NullMarked
package dev.packit.forge.git;

import org.jspecify.annotations.NullMarked;
