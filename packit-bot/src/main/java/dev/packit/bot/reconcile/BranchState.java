package dev.packit.bot.reconcile;

import dev.packit.fedora.koji.KojiBuildState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is, on one dist-git branch: the head's spec version and NVR, the newest spec-changing
 * commit, the bot's open pull requests, Koji's build of the head's NVR and the Bodhi update
 * that contains it.
 *
 * <pre>{@code
 * BranchState f43 = new BranchState("f43", "0123abc", Optional.of("1.1.0"), Optional.of("hello-1.1.0-1.fc43"),
 *     Optional.empty(), List.of(), Optional.of(KojiBuildState.COMPLETE), "packit", Optional.empty());
 * }</pre>
 *
 * @param branch the dist-git branch
 * @param head the branch head commit
 * @param specVersion the spec's Version at the head; empty when the branch has no spec
 * @param nvr the spec's name-version-release at the head, with the branch's dist tag
 * @param lastSpecCommit the newest commit that changed the spec, when known
 * @param openBotPullRequests the bot's open pull requests against the branch
 * @param build the state of Koji's build of {@code nvr}; empty when Koji has none
 * @param buildOwner who built it, empty when no build
 * @param updateAlias the Bodhi update containing {@code nvr}, empty when none
 */
public record BranchState(String branch, String head, Optional<String> specVersion, Optional<String> nvr,
    Optional<SpecCommit> lastSpecCommit, List<BotPullRequest> openBotPullRequests, Optional<KojiBuildState> build,
    String buildOwner, Optional<String> updateAlias) {
  /** Validates the components. */
  public BranchState {
    Objects.requireNonNull(branch, "branch");
    head = head == null ? "" : head;
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(nvr, "nvr");
    Objects.requireNonNull(lastSpecCommit, "lastSpecCommit");
    openBotPullRequests = List.copyOf(openBotPullRequests);
    Objects.requireNonNull(build, "build");
    buildOwner = buildOwner == null ? "" : buildOwner;
    Objects.requireNonNull(updateAlias, "updateAlias");
  }
}
