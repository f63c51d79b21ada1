package dev.packit.forge.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to push where.
 *
 * <pre>{@code
 * // force-push the bot branch, but only if nobody moved it since we last fetched it:
 * PushRequest req = PushRequest.builder("fork")
 *     .refSpec("HEAD:refs/heads/packit-1.2-rawhide")
 *     .force(true)
 *     .expectRemote("refs/heads/packit-1.2-rawhide", lastSeenId)
 *     .credentials(GitCredentials.token("packit", token))
 *     .build();
 * }</pre>
 *
 * @param remote a configured remote name ({@code origin}) or a URL
 * @param refSpecs what to push, git's refspec syntax ({@code src:dst}); a leading {@code +} forces that ref
 * @param force whether to force every ref (like {@code --force})
 * @param expectedRemoteRef with {@code expectedRemoteId}: the remote ref that must still be at
 *     that id for the push to go through (like {@code --force-with-lease=ref:id}); empty for none
 * @param expectedRemoteId the id {@code expectedRemoteRef} must have
 * @param pushTags whether to push all tags too
 * @param credentials how to authenticate
 */
public record PushRequest(String remote, List<String> refSpecs, boolean force, String expectedRemoteRef,
    String expectedRemoteId, boolean pushTags, GitCredentials credentials) {
  /** Validates and copies the components. */
  public PushRequest {
    Objects.requireNonNull(remote, "remote == null");
    refSpecs = List.copyOf(refSpecs);
    Objects.requireNonNull(expectedRemoteRef, "expectedRemoteRef == null");
    Objects.requireNonNull(expectedRemoteId, "expectedRemoteId == null");
    Objects.requireNonNull(credentials, "credentials == null");
    if (refSpecs.isEmpty() && !pushTags) {
      throw new IllegalArgumentException("nothing to push: give a refspec or pushTags");
    }
    if (remote.isBlank()) {
      throw new IllegalArgumentException("remote must not be blank");
    }
  }

  /**
   * Starts a request.
   *
   * @param remote a remote name or URL
   * @return a builder
   */
  public static Builder builder(String remote) {
    return new Builder(remote);
  }

  /** Builds a {@link PushRequest}. */
  public static final class Builder {
    private final String remote;
    private final List<String> refSpecs = new ArrayList<>();
    private boolean force;
    private String expectedRemoteRef = "";
    private String expectedRemoteId = "";
    private boolean pushTags;
    private GitCredentials credentials = GitCredentials.none();

    private Builder(String remote) {
      this.remote = remote;
    }

    /**
     * Adds a refspec such as {@code refs/heads/main} or {@code HEAD:refs/heads/bot}.
     *
     * @param refSpec the refspec
     * @return this builder
     */
    public Builder refSpec(String refSpec) {
      refSpecs.add(Objects.requireNonNull(refSpec, "refSpec == null"));
      return this;
    }

    /**
     * Forces every ref.
     *
     * @param force whether to
     * @return this builder
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Pushes only if the remote ref is still at the given id (force-with-lease).
     *
     * @param ref the remote ref, e.g. {@code refs/heads/bot}
     * @param id the id it must have; all zeros when it must not exist
     * @return this builder
     */
    public Builder expectRemote(String ref, String id) {
      this.expectedRemoteRef = Objects.requireNonNull(ref, "ref == null");
      this.expectedRemoteId = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * Pushes all tags too.
     *
     * @param pushTags whether to
     * @return this builder
     */
    public Builder pushTags(boolean pushTags) {
      this.pushTags = pushTags;
      return this;
    }

    /**
     * Sets the credentials.
     *
     * @param credentials how to authenticate
     * @return this builder
     */
    public Builder credentials(GitCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials == null");
      return this;
    }

    /** Builds the request. */
    public PushRequest build() {
      return new PushRequest(remote, refSpecs, force, expectedRemoteRef, expectedRemoteId, pushTags, credentials);
    }
  }
}
