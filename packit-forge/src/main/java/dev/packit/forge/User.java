package dev.packit.forge;

import java.util.Objects;

/**
 * A forge user.
 *
 * <pre>{@code
 * String me = forge.currentUser().login();
 * }</pre>
 *
 * @param login the user name used in URLs and APIs
 * @param fullName the display name; empty when unknown
 * @param email the public e-mail; empty when unknown
 */
public record User(String login, String fullName, String email) {
  /** Validates the login. */
  public User {
    Objects.requireNonNull(login, "login == null");
    fullName = fullName == null ? "" : fullName;
    email = email == null ? "" : email;
  }
}
