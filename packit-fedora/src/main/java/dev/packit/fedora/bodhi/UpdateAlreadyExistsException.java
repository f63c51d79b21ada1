package dev.packit.fedora.bodhi;

import dev.packit.core.PackitServiceException;
import java.util.List;
import java.util.Optional;

/**
 * Bodhi refused to create an update because one exists for the build ({@code Update for <nvr>
 * already exists}) or the side tag ({@code Update already exists using this side tag}). Packit
 * treats this as success; {@link #existingAlias()} names the existing update when the client
 * could find it.
 *
 * <pre>{@code
 * try {
 *   alias = bodhi.createUpdate(request).first().alias();
 * } catch (UpdateAlreadyExistsException e) {
 *   alias = e.existingAlias().orElse(null);
 * }
 * }</pre>
 */
public final class UpdateAlreadyExistsException extends BodhiException {
  private static final long serialVersionUID = 1L;

  private final List<String> nvrs;
  private final String existingAlias;

  UpdateAlreadyExistsException(PackitServiceException.Builder details, List<BodhiError> errors, List<String> nvrs,
      String existingAlias) {
    super(details.retryable(false), errors);
    this.nvrs = List.copyOf(nvrs);
    this.existingAlias = existingAlias;
  }

  /**
   * Returns the builds Bodhi named as already in an update.
   *
   * @return the NVRs, empty for the side-tag variant
   */
  public List<String> nvrs() {
    return nvrs;
  }

  /**
   * Returns the alias of the existing update.
   *
   * @return the alias, if the client found it
   */
  public Optional<String> existingAlias() {
    return Optional.ofNullable(existingAlias);
  }
}
