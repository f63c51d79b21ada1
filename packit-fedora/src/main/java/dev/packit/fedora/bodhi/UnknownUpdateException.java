package dev.packit.fedora.bodhi;

import dev.packit.core.PackitServiceException;
import java.util.List;

/**
 * Bodhi has no update with the alias an edit named: it answers 400 {@code "Cannot find update to
 * edit: <alias>"} (not 404). Not retryable.
 *
 * <pre>{@code
 * try {
 *   bodhi.editUpdate("FEDORA-2026-0123456789", request);
 * } catch (UnknownUpdateException e) {
 *   log.warn("no update {} to edit", e.alias());
 * }
 * }</pre>
 */
public final class UnknownUpdateException extends BodhiException {
  private static final long serialVersionUID = 1L;

  private final String alias;

  UnknownUpdateException(PackitServiceException.Builder details, List<BodhiError> errors, String alias) {
    super(details, errors);
    this.alias = alias;
  }

  /**
   * Returns the alias Bodhi could not find.
   *
   * @return the alias the edit named
   */
  public String alias() {
    return alias;
  }
}
