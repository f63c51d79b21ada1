package dev.packit.forge.git;

import java.util.Objects;

/**
 * A name and e-mail as written into commits.
 *
 * <pre>{@code
 * GitIdentity packit = GitIdentity.of("Packit", "hello@packit.dev");
 * }</pre>
 *
 * @param name the display name, not blank
 * @param email the e-mail (may be empty: git allows it)
 */
public record GitIdentity(String name, String email) {
  /** Validates the components: no line breaks or angle brackets, which would corrupt the commit. */
  public GitIdentity {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(email, "email == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("identity name must not be blank");
    }
    if (name.matches(".*[<>\\n\\r].*") || email.matches(".*[<>\\n\\r].*")) {
      throw new IllegalArgumentException("identity must not contain '<', '>' or line breaks: " + name);
    }
  }

  /**
   * Returns an identity.
   *
   * @param name the display name
   * @param email the e-mail
   * @return the identity
   */
  public static GitIdentity of(String name, String email) {
    return new GitIdentity(name, email);
  }

  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
