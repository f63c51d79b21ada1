/**
 * The forge plug-in SPI: what a third party needs to add a forge to packit-forge. A forge is a
 * {@link dev.packit.forge.spi.ForgeProvider} (found through the JDK {@link java.util.ServiceLoader})
 * whose builder extends {@link dev.packit.forge.ForgeBuilder} and builds a
 * {@link dev.packit.forge.Forge}, implementing the capability interfaces of
 * {@code dev.packit.forge.capability} that the forge has. The built-in GitHub, GitLab, Pagure and
 * Forgejo clients are made of the same building blocks:
 *
 * <ul>
 *   <li>{@link dev.packit.forge.spi.ClientOptions}: the builder's settings
 *       ({@code ForgeBuilder.clientOptions()});
 *   <li>{@link dev.packit.forge.spi.ForgeHttp}: the {@code HttpService} (retries of idempotent
 *       requests, error mapping to {@code PackitServiceException} leaves naming the host) of a client;
 *   <li>{@link dev.packit.forge.spi.Rest}: JSON calls over it, 404 as empty for lookups, creates
 *       marked non-idempotent, path and query encoding;
 *   <li>{@link dev.packit.forge.spi.Paged} and {@link dev.packit.forge.spi.LinkHeader}: lazy streams
 *       over paged lists, by RFC 8288 {@code Link} headers or the forge's own page fields;
 *   <li>{@link dev.packit.forge.spi.RateLimitInterceptor}: waiting out GitHub- and GitLab-style rate
 *       limits within a budget;
 *   <li>{@link dev.packit.forge.spi.Creates}: create-then-settle, so a create whose outcome is
 *       unknown (timeout, 5xx) is looked up before it is sent again and never happens twice;
 *   <li>{@link dev.packit.forge.spi.Json}: tolerant readers of JSON trees.
 * </ul>
 *
 * <pre>{@code
 * final class TinyClient implements Forge {
 *   private final Rest rest;
 *   private final ClientOptions options;
 *
 *   public Stream<Tag> tags(RepoId repo) {
 *     URI first = options.baseUri().resolve("api/repos/" + repo + "/tags?per_page=50");
 *     return Paged.stream(first, uri -> {
 *       Rest.Response r = rest.get(uri);
 *       List<Tag> page = new ArrayList<>();
 *       r.json().forEach(t -> page.add(new Tag(Json.text(t, "name"), Json.textAt(t, "commit", "sha"))));
 *       return new Paged.Page<>(page, LinkHeader.find(r.header("Link"), "next").orElse(null));
 *     });
 *   }
 *
 *   public PullRequest createPullRequest(RepoId repo, PullRequestSpec spec) {
 *     return Creates.createOnce(options, () -> post(repo, spec),
 *         () -> findOpenPullRequest(repo, spec.sourceBranch(), spec.targetBranch(), currentUser().login()));
 *   }
 *   // ...
 * }
 * }</pre>
 *
 * <p>Every forge implementation should pass the forge contract suite, packit-testkit's
 * {@code dev.packit.testkit.ForgeContract} (see docs/forges.md, "Adding a forge").
 *
 * @since 0.2.0
 */
@NullMarked
package dev.packit.forge.spi;

import org.jspecify.annotations.NullMarked;
