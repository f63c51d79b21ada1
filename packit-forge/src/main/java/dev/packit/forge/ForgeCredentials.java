package dev.packit.forge;

import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate to a forge. Secrets are never shown by {@link #toString()}.
 *
 * <pre>{@code
 * ForgeCredentials gh = ForgeCredentials.token(System.getenv("GITHUB_TOKEN"));
 * ForgeCredentials app = ForgeCredentials.gitHubApp(29076, Files.readString(Path.of("app.pem")));
 * ForgeCredentials none = ForgeCredentials.anonymous();
 * }</pre>
 */
public final class ForgeCredentials {
  private final String token;
  private final long appId;
  private final String privateKeyPem;
  private final Long installationId;

  private ForgeCredentials(String token, long appId, String privateKeyPem, Long installationId) {
    this.token = token;
    this.appId = appId;
    this.privateKeyPem = privateKeyPem;
    this.installationId = installationId;
  }

  /** Returns credentials that send no authentication. */
  public static ForgeCredentials anonymous() {
    return new ForgeCredentials(null, 0, null, null);
  }

  /**
   * Returns a personal access token (GitHub {@code Bearer}, GitLab {@code PRIVATE-TOKEN}, Pagure
   * and Forgejo {@code token}).
   *
   * @param token the token
   * @return the credentials
   */
  public static ForgeCredentials token(String token) {
    Objects.requireNonNull(token, "token == null");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token is blank");
    }
    return new ForgeCredentials(token.strip(), 0, null, null);
  }

  /**
   * Returns GitHub App credentials: installation tokens are obtained with a JWT signed by the
   * app's private key and refreshed before they expire. The installation is looked up per
   * repository unless fixed with {@link #withInstallation(long)}.
   *
   * @param appId the app's numeric id
   * @param privateKeyPem the app's private key in PEM ({@code BEGIN RSA PRIVATE KEY} or {@code BEGIN PRIVATE KEY})
   * @return the credentials
   */
  public static ForgeCredentials gitHubApp(long appId, String privateKeyPem) {
    Objects.requireNonNull(privateKeyPem, "privateKeyPem == null");
    if (appId <= 0) {
      throw new IllegalArgumentException("appId must be positive: " + appId);
    }
    return new ForgeCredentials(null, appId, privateKeyPem, null);
  }

  /**
   * Returns these GitHub App credentials bound to one installation.
   *
   * @param id the installation id
   * @return the credentials
   */
  public ForgeCredentials withInstallation(long id) {
    if (!isGitHubApp()) {
      throw new IllegalStateException("only GitHub App credentials have installations");
    }
    return new ForgeCredentials(null, appId, privateKeyPem, id);
  }

  /** Whether these are GitHub App credentials. */
  public boolean isGitHubApp() {
    return privateKeyPem != null;
  }

  /** Whether no authentication is sent. */
  public boolean isAnonymous() {
    return token == null && privateKeyPem == null;
  }

  /** Returns the token, when these are token credentials. */
  public Optional<String> tokenValue() {
    return Optional.ofNullable(token);
  }

  /** Returns the GitHub App id, or 0. */
  public long appId() {
    return appId;
  }

  /** Returns the GitHub App private key in PEM, when these are App credentials. */
  public Optional<String> privateKeyPem() {
    return Optional.ofNullable(privateKeyPem);
  }

  /** Returns the fixed GitHub App installation id, when set. */
  public Optional<Long> installationId() {
    return Optional.ofNullable(installationId);
  }

  @Override
  public String toString() {
    if (isGitHubApp()) {
      return "ForgeCredentials[gitHubApp=" + appId + (installationId == null ? "" : ", installation=" + installationId) + ", key=***]";
    }
    return token == null ? "ForgeCredentials[anonymous]" : "ForgeCredentials[token=***]";
  }
}
