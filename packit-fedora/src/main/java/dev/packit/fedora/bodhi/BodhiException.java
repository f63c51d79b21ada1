package dev.packit.fedora.bodhi;

import dev.packit.core.PackitServiceException;
import java.util.List;

/**
 * Bodhi answered with an error body; carries the parsed errors.
 *
 * <pre>{@code
 * try {
 *   bodhi.createUpdate(request);
 * } catch (UpdateAlreadyExistsException e) {
 *   log.info("already there: {}", e.existingAlias().orElse("?"));
 * } catch (BodhiException e) {
 *   e.errors().forEach(err -> log.warn("{}", err));
 *   if (e.retryable()) retryLater();   // e.g. "Invalid tag: ..." right after a Koji build
 * }
 * }</pre>
 *
 * <p>Retryable: server errors other than a reported exception class, and "Invalid tag" (the build
 * is not yet tagged into the candidate tag; Packit retries these).
 */
public class BodhiException extends PackitServiceException {
  private static final long serialVersionUID = 1L;

  /** The parsed errors; records are serializable by value. */
  private final List<BodhiError> errors;

  /**
   * Creates an exception.
   *
   * @param details the service error details (status, method, url, ...)
   * @param errors the parsed error entries
   */
  protected BodhiException(PackitServiceException.Builder details, List<BodhiError> errors) {
    super(details);
    this.errors = List.copyOf(errors);
  }

  static BodhiException of(PackitServiceException.Builder details, List<BodhiError> errors) {
    return new BodhiException(details, errors);
  }

  /**
   * Returns the errors Bodhi listed.
   *
   * @return the errors, possibly empty when the body was not Bodhi's error shape
   */
  public List<BodhiError> errors() {
    return errors;
  }

  /**
   * Whether any error's description contains a text.
   *
   * @param text the text
   * @return {@code true} if found
   */
  public boolean mentions(String text) {
    return errors.stream().anyMatch(e -> e.description().contains(text));
  }
}
