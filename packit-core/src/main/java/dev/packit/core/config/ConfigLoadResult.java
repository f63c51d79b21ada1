package dev.packit.core.config;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one {@code .packit.yaml}: the model when valid, and every error and warning.
 *
 * <pre>{@code
 * ConfigLoadResult r = PackitConfigLoader.defaults().validate(Path.of(".packit.yaml"));
 * if (!r.valid()) r.errors().forEach(System.err::println);
 * r.warnings().forEach(System.err::println);   // deprecated forms Packit still accepts
 * }</pre>
 *
 * @param source the source name used in problems
 * @param config the model, present when there is no error
 * @param errors the errors (empty when valid)
 * @param warnings the warnings
 */
public record ConfigLoadResult(String source, Optional<PackitConfig> config, List<ConfigProblem> errors,
    List<ConfigProblem> warnings) {

  /** Copies the lists. */
  public ConfigLoadResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Whether Packit would accept the file. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * The model, or an exception listing every error.
   *
   * @return the model
   * @throws InvalidConfigException when invalid
   */
  public PackitConfig orThrow() {
    if (!errors.isEmpty()) {
      throw new InvalidConfigException(errors, warnings);
    }
    return config.orElseThrow();
  }
}
