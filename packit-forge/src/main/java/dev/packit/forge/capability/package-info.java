/**
 * Optional forge features, split off the core {@link dev.packit.forge.Forge} where forges differ.
 * Ask a forge for one with {@link dev.packit.forge.Forge#capability(Class)} instead of catching
 * {@link UnsupportedOperationException}:
 *
 * <pre>{@code
 * Forge forge = Forges.forUrl(URI.create("https://src.fedoraproject.org/rpms/hello"), ForgeCredentials.anonymous());
 * Optional<Release> latest = forge.capability(Releases.class)
 *     .flatMap(r -> r.latestRelease(RepoId.of("rpms/hello")));        // Pagure: empty, it has no releases
 * }</pre>
 *
 * <p>Which forge has what:
 * <table>
 *   <caption>capabilities of the built-in forges</caption>
 *   <tr><th>capability</th><th>GitHub</th><th>GitLab</th><th>Pagure</th><th>Forgejo</th></tr>
 *   <tr><td>{@link Releases}</td><td>yes</td><td>yes</td><td>no (tags only)</td><td>yes</td></tr>
 *   <tr><td>{@link CommitStatuses}</td><td>yes</td><td>yes</td><td>yes (commit flags)</td><td>yes</td></tr>
 *   <tr><td>{@link AccessLevels}</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link CommentListing}</td><td>yes</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link PullRequestMerges}</td><td>no</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link CheckRuns}</td><td>yes (GitHub App)</td><td>no</td><td>no</td><td>no</td></tr>
 * </table>
 *
 * <p>A third-party forge implements the capability interfaces it can serve; the forge contract
 * suite (packit-testkit's {@code ForgeContract}) tests each one the forge claims, and checks that a
 * forge without one throws {@link UnsupportedOperationException} from the core interface's method.
 *
 * @since 0.2.0
 */
@NullMarked
package dev.packit.forge.capability;

import org.jspecify.annotations.NullMarked;
