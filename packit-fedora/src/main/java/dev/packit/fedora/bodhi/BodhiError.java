package dev.packit.fedora.bodhi;

import java.util.Objects;

/**
 * One entry of Bodhi's error body {@code {"status": "error", "errors": [...]}} (cornice).
 *
 * <pre>{@code
 * for (BodhiError e : ex.errors()) System.out.println(e.name() + ": " + e.description());
 * }</pre>
 *
 * @param location {@code body}, {@code querystring}, {@code url}, {@code cookies} or {@code header}
 * @param name the field (e.g. {@code builds}), or the exception class for server errors
 * @param description the message
 */
public record BodhiError(String location, String name, String description) {
  /** Validates the components. */
  public BodhiError {
    Objects.requireNonNull(location, "location == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
  }

  @Override
  public String toString() {
    return location + "." + name + ": " + description;
  }
}
