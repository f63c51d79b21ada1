package dev.packit.forge.git;

import org.jspecify.annotations.Nullable;
import dev.packit.core.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to authenticate to a git remote: nothing, a user name with a token or password over HTTPS,
 * or an SSH private key. Never prints its secrets.
 *
 * <pre>{@code
 * GitCredentials https = GitCredentials.token("x-access-token", Secret.of(githubToken));
 * GitCredentials ssh = GitCredentials.sshKey(Path.of("/run/secrets/id_ed25519"), Path.of("/etc/ssh/known_hosts"));
 * }</pre>
 */
public sealed interface GitCredentials {
  /** Returns credentials for anonymous access (public clones, the test sandbox). */
  static GitCredentials none() {
    return None.INSTANCE;
  }

  /**
   * Returns HTTPS credentials: the token is sent as the password of HTTP basic auth, which is
   * what GitHub, GitLab and Pagure expect over HTTPS.
   *
   * @param username the user name (GitHub accepts any, e.g. {@code x-access-token}; GitLab
   *     {@code oauth2}; Pagure the account name)
   * @param token the token or password
   * @return the credentials
   */
  static GitCredentials token(String username, Secret token) {
    return new Https(username, token);
  }

  /**
   * Returns SSH credentials using a private key file (OpenSSH or PEM format, not encrypted) and
   * a {@code known_hosts} file the server's key must be listed in.
   *
   * @param privateKey the private key file
   * @param knownHosts the known_hosts file
   * @return the credentials
   */
  static GitCredentials sshKey(Path privateKey, Path knownHosts) {
    return new SshKey(privateKey, knownHosts, null);
  }

  /**
   * Returns SSH credentials using an encrypted private key.
   *
   * @param privateKey the private key file
   * @param knownHosts the known_hosts file
   * @param passphrase the key's passphrase
   * @return the credentials
   */
  static GitCredentials sshKey(Path privateKey, Path knownHosts, Secret passphrase) {
    return new SshKey(privateKey, knownHosts, Objects.requireNonNull(passphrase, "passphrase == null"));
  }

  /** Anonymous access. */
  final class None implements GitCredentials {
    static final None INSTANCE = new None();

    private None() {}

    @Override
    public String toString() {
      return "GitCredentials.none()";
    }
  }

  /**
   * HTTPS basic credentials.
   *
   * @param username the user name
   * @param password the token or password; prints as {@code Secret[***]}
   */
  record Https(String username, Secret password) implements GitCredentials {
    /** Validates the components. */
    public Https {
      Objects.requireNonNull(username, "username == null");
      Objects.requireNonNull(password, "password == null");
      if (username.isEmpty()) {
        throw new IllegalArgumentException("username must not be empty (GitHub accepts any, e.g. x-access-token)");
      }
    }
  }

  /**
   * SSH key credentials.
   *
   * @param privateKey the private key file
   * @param knownHosts the known_hosts file the server key is checked against
   * @param passphrase the key's passphrase, {@code null} for an unencrypted key; prints as {@code Secret[***]}
   */
  record SshKey(Path privateKey, Path knownHosts, @Nullable Secret passphrase) implements GitCredentials {
    /** Validates the components. */
    public SshKey {
      Objects.requireNonNull(privateKey, "privateKey == null");
      Objects.requireNonNull(knownHosts, "knownHosts == null");
    }
  }
}
