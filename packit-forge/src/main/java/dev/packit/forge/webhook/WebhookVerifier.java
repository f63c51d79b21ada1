package dev.packit.forge.webhook;

import dev.packit.core.Secret;
import dev.packit.forge.ForgeKind;
import dev.packit.forge.webhook.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook delivery comes from the forge it claims: GitHub's
 * {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with the webhook secret), Forgejo's
 * {@code X-Forgejo-Signature} or Gitea's {@code X-Gitea-Signature} (the same HMAC as bare hex), or
 * GitLab's {@code X-Gitlab-Token} (the secret token in plain text). All comparisons run in
 * constant time. Forgejo also sends {@code X-GitHub-Event} and {@code X-Hub-Signature-256}; a
 * delivery with {@code X-Forgejo-Event} or {@code X-Gitea-Event} is a Forgejo delivery and needs
 * the Forgejo secret.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .githubSecret(Secret.of(System.getenv("GITHUB_WEBHOOK_SECRET")))
 *     .gitlabToken(Secret.of(System.getenv("GITLAB_WEBHOOK_TOKEN")))
 *     .forgejoSecret(Secret.of(System.getenv("FORGEJO_WEBHOOK_SECRET")))
 *     .maxBodyBytes(5 * 1024 * 1024)
 *     .build();
 * WebhookVerification v = verifier.verify(WebhookDelivery.of(headers, rawBody));
 * }</pre>
 *
 * <p>A delivery from a forge without a configured secret is rejected ({@code NOT_CONFIGURED}):
 * an unauthenticated endpoint must be asked for explicitly, by not verifying at all. Immutable
 * and thread-safe; {@link #toString()} never shows the secrets.
 */
public final class WebhookVerifier {
  /** GitHub caps webhook payloads at 25 MB; bigger bodies are not GitHub's. */
  public static final long DEFAULT_MAX_BODY_BYTES = 25L * 1024 * 1024;

  private static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
  private static final String GITLAB_TOKEN = "X-Gitlab-Token";
  private static final String FORGEJO_SIGNATURE = "X-Forgejo-Signature";
  private static final String GITEA_SIGNATURE = "X-Gitea-Signature";
  private static final String SHA256_PREFIX = "sha256=";

  private final byte[] githubSecret;
  private final byte[] gitlabTokenDigest;
  private final byte[] forgejoSecret;
  private final long maxBodyBytes;

  private WebhookVerifier(Builder b) {
    this.githubSecret = b.githubSecret == null ? null : b.githubSecret.reveal().getBytes(StandardCharsets.UTF_8);
    this.gitlabTokenDigest = b.gitlabToken == null ? null : sha256(b.gitlabToken.reveal().getBytes(StandardCharsets.UTF_8));
    this.forgejoSecret = b.forgejoSecret == null ? null : b.forgejoSecret.reveal().getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = b.maxBodyBytes;
  }

  /** Returns a builder; configure at least one secret. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns which forge a delivery claims to come from, by its event header.
   *
   * @param delivery the delivery
   * @return the forge, or empty when none of {@code X-Forgejo-Event}, {@code X-Gitea-Event},
   *     {@code X-GitHub-Event} and {@code X-Gitlab-Event} is set
   */
  public static Optional<ForgeKind> claimedForge(WebhookDelivery delivery) {
    // Forgejo sends X-GitHub-Event too: its own header decides first
    if (delivery.header("X-Forgejo-Event").isPresent() || delivery.header("X-Gitea-Event").isPresent()) {
      return Optional.of(ForgeKind.FORGEJO);
    }
    if (delivery.header("X-GitHub-Event").isPresent()) {
      return Optional.of(ForgeKind.GITHUB);
    }
    if (delivery.header("X-Gitlab-Event").isPresent()) {
      return Optional.of(ForgeKind.GITLAB);
    }
    return Optional.empty();
  }

  /**
   * Verifies a delivery.
   *
   * @param delivery headers and raw body
   * @return accepted, or rejected with a reason
   */
  public WebhookVerification verify(WebhookDelivery delivery) {
    if (delivery.bodyLength() > maxBodyBytes) {
      return WebhookVerification.rejected(claimedForge(delivery).orElse(null), Reason.BODY_TOO_LARGE,
          "webhook body of " + delivery.bodyLength() + " bytes is larger than the limit of " + maxBodyBytes);
    }
    Optional<ForgeKind> forge = claimedForge(delivery);
    if (forge.isEmpty()) {
      return WebhookVerification.rejected(null, Reason.UNKNOWN_SOURCE,
          "webhook delivery has none of the X-GitHub-Event, X-Gitlab-Event, X-Forgejo-Event and X-Gitea-Event headers");
    }
    if (forge.get() == ForgeKind.GITHUB) {
      return verifyGitHub(delivery);
    } else if (forge.get() == ForgeKind.FORGEJO) {
      return verifyForgejo(delivery);
    }
    return verifyGitLab(delivery);
  }

  /**
   * Verifies a delivery and throws when it is rejected.
   *
   * @param delivery headers and raw body
   * @return the forge that sent it
   * @throws WebhookRejectedException when the delivery is not authentic
   */
  public ForgeKind verifyOrThrow(WebhookDelivery delivery) {
    WebhookVerification v = verify(delivery);
    if (v.rejection().isPresent()) {
      throw v.rejection().get();
    }
    return v.forge().orElseThrow();
  }

  private WebhookVerification verifyGitHub(WebhookDelivery delivery) {
    if (githubSecret == null) {
      return WebhookVerification.rejected(ForgeKind.GITHUB, Reason.NOT_CONFIGURED,
          "GitHub webhook delivery, but no GitHub webhook secret is configured");
    }
    Optional<String> header = delivery.header(GITHUB_SIGNATURE);
    if (header.isEmpty() || header.get().isBlank()) {
      return WebhookVerification.rejected(ForgeKind.GITHUB, Reason.MISSING_SIGNATURE,
          "GitHub webhook delivery is not signed: " + GITHUB_SIGNATURE + " header is missing");
    }
    byte[] received = parseSignature(header.get().trim());
    if (received == null) {
      return WebhookVerification.rejected(ForgeKind.GITHUB, Reason.MALFORMED_SIGNATURE,
          GITHUB_SIGNATURE + " must be 'sha256=' followed by 64 hex digits");
    }
    byte[] expected = hmacSha256(githubSecret, delivery.rawBody());
    if (!MessageDigest.isEqual(expected, received)) {
      return WebhookVerification.rejected(ForgeKind.GITHUB, Reason.SIGNATURE_MISMATCH,
          GITHUB_SIGNATURE + " does not match the HMAC-SHA256 of the body with the configured secret");
    }
    return WebhookVerification.accepted(ForgeKind.GITHUB);
  }

  private WebhookVerification verifyForgejo(WebhookDelivery delivery) {
    if (forgejoSecret == null) {
      return WebhookVerification.rejected(ForgeKind.FORGEJO, Reason.NOT_CONFIGURED,
          "Forgejo webhook delivery, but no Forgejo webhook secret is configured");
    }
    // Forgejo sends both headers with the same value; Gitea only its own
    String name = delivery.header(FORGEJO_SIGNATURE).filter(v -> !v.isBlank()).isPresent() ? FORGEJO_SIGNATURE : GITEA_SIGNATURE;
    Optional<String> header = delivery.header(name);
    if (header.isEmpty() || header.get().isBlank()) {
      // a webhook without a secret is sent with an empty signature
      return WebhookVerification.rejected(ForgeKind.FORGEJO, Reason.MISSING_SIGNATURE,
          "Forgejo webhook delivery is not signed: " + FORGEJO_SIGNATURE + " and " + GITEA_SIGNATURE
              + " are missing or empty (is a secret set on the webhook?)");
    }
    byte[] received = parseHex(header.get().trim(), 0);
    if (received == null) {
      return WebhookVerification.rejected(ForgeKind.FORGEJO, Reason.MALFORMED_SIGNATURE,
          name + " must be 64 hex digits");
    }
    byte[] expected = hmacSha256(forgejoSecret, delivery.rawBody());
    if (!MessageDigest.isEqual(expected, received)) {
      return WebhookVerification.rejected(ForgeKind.FORGEJO, Reason.SIGNATURE_MISMATCH,
          name + " does not match the HMAC-SHA256 of the body with the configured secret");
    }
    return WebhookVerification.accepted(ForgeKind.FORGEJO);
  }

  private WebhookVerification verifyGitLab(WebhookDelivery delivery) {
    if (gitlabTokenDigest == null) {
      return WebhookVerification.rejected(ForgeKind.GITLAB, Reason.NOT_CONFIGURED,
          "GitLab webhook delivery, but no GitLab secret token is configured");
    }
    Optional<String> token = delivery.header(GITLAB_TOKEN);
    if (token.isEmpty() || token.get().isEmpty()) {
      return WebhookVerification.rejected(ForgeKind.GITLAB, Reason.MISSING_TOKEN,
          "GitLab webhook delivery has no " + GITLAB_TOKEN + " header");
    }
    // Comparing digests keeps the comparison constant-time even when the lengths differ.
    byte[] received = sha256(token.get().getBytes(StandardCharsets.UTF_8));
    if (!MessageDigest.isEqual(gitlabTokenDigest, received)) {
      return WebhookVerification.rejected(ForgeKind.GITLAB, Reason.TOKEN_MISMATCH,
          GITLAB_TOKEN + " does not match the configured secret token");
    }
    return WebhookVerification.accepted(ForgeKind.GITLAB);
  }

  /**
   * Computes the {@code X-Hub-Signature-256} value GitHub would send for a body; for tests and
   * for signing deliveries you forward.
   *
   * @param secret the webhook secret
   * @param body the raw body
   * @return {@code sha256=<64 lowercase hex digits>}
   */
  public static String githubSignature(Secret secret, byte[] body) {
    byte[] mac = hmacSha256(secret.reveal().getBytes(StandardCharsets.UTF_8), body);
    StringBuilder sb = new StringBuilder(SHA256_PREFIX);
    for (byte b : mac) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  /**
   * Computes the {@code X-Forgejo-Signature} (and {@code X-Gitea-Signature}) value Forgejo would
   * send for a body: the bare hex HMAC-SHA256, without GitHub's {@code sha256=}.
   *
   * @param secret the webhook secret
   * @param body the raw body
   * @return 64 lowercase hex digits
   */
  public static String forgejoSignature(Secret secret, byte[] body) {
    return githubSignature(secret, body).substring(SHA256_PREFIX.length());
  }

  private static byte[] parseSignature(String value) {
    if (!value.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
      return null;
    }
    return parseHex(value, SHA256_PREFIX.length());
  }

  /** Reads exactly 64 hex digits from {@code start} to the end, or returns null. */
  private static byte[] parseHex(String value, int start) {
    if (value.length() != start + 64) {
      return null;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(value.charAt(start + 2 * i), 16);
      int lo = Character.digit(value.charAt(start + 2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static byte[] hmacSha256(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // An empty key is not allowed by SecretKeySpec; the builder refuses empty secrets anyway.
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  /** Returns the maximum accepted body size in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public String toString() {
    return "WebhookVerifier[github=" + (githubSecret == null ? "off" : "configured")
        + ", gitlab=" + (gitlabTokenDigest == null ? "off" : "configured")
        + ", forgejo=" + (forgejoSecret == null ? "off" : "configured")
        + ", maxBodyBytes=" + maxBodyBytes + "]";
  }

  /** Builds a {@link WebhookVerifier}. */
  public static final class Builder {
    private Secret githubSecret;
    private Secret gitlabToken;
    private Secret forgejoSecret;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder() {}

    /**
     * Sets the GitHub webhook secret (the one entered in the webhook's settings).
     *
     * @param secret a non-empty secret
     * @return this builder
     */
    public Builder githubSecret(Secret secret) {
      this.githubSecret = requireNonEmpty(secret, "GitHub webhook secret");
      return this;
    }

    /**
     * Sets the GitLab secret token.
     *
     * @param token a non-empty token
     * @return this builder
     */
    public Builder gitlabToken(Secret token) {
      this.gitlabToken = requireNonEmpty(token, "GitLab secret token");
      return this;
    }

    /**
     * Sets the Forgejo (or Gitea) webhook secret; deliveries are checked against
     * {@code X-Forgejo-Signature}, or {@code X-Gitea-Signature} when Forgejo's is absent.
     *
     * @param secret a non-empty secret
     * @return this builder
     */
    public Builder forgejoSecret(Secret secret) {
      this.forgejoSecret = requireNonEmpty(secret, "Forgejo webhook secret");
      return this;
    }

    /**
     * Sets the largest accepted body.
     *
     * @param bytes a positive size
     * @return this builder
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Builds the verifier; at least one secret must be set. */
    public WebhookVerifier build() {
      if (githubSecret == null && gitlabToken == null && forgejoSecret == null) {
        throw new IllegalStateException("configure a GitHub secret, a GitLab token or a Forgejo secret");
      }
      return new WebhookVerifier(this);
    }

    private static Secret requireNonEmpty(Secret s, String what) {
      if (s == null || s.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      return s;
    }
  }
}
