package dev.packit.fedora.jobs;

import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import java.util.Objects;

/**
 * A {@code .packit.yaml} as text, with where it was read from: what a {@link JobRequest} carries so
 * a worker parses the very config the dispatcher saw.
 *
 * <pre>{@code
 * ConfigText text = ConfigText.of(yaml, "rpms/hello@rawhide/.packit.yaml", "hello");
 * PackitConfig config = text.load();
 * }</pre>
 *
 * @param yaml the file's text
 * @param source where it was read from, for error messages (e.g. {@code rpms/hello@rawhide/.packit.yaml})
 * @param repositoryName the repository's name that package names default to (in dist-git, the
 *     package), empty for none
 */
public record ConfigText(String yaml, String source, String repositoryName) {
  /** Validates the components. */
  public ConfigText {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(repositoryName, "repositoryName");
  }

  /**
   * A config text.
   *
   * @param yaml the file's text
   * @param source where it was read from
   * @param repositoryName the repository name package names default to, empty for none
   * @return the text
   */
  public static ConfigText of(String yaml, String source, String repositoryName) {
    return new ConfigText(yaml, source, repositoryName);
  }

  /**
   * A loaded config written back as YAML (loading the text again gives an equal config).
   *
   * @param config the config
   * @param source what to name it in error messages
   * @return the text
   */
  public static ConfigText of(PackitConfig config, String source) {
    return new ConfigText(config.toYaml(), source, config.repositoryName().orElse(""));
  }

  /**
   * Parses the text.
   *
   * @return the config
   * @throws dev.packit.core.config.InvalidConfigException when the text is no valid config
   */
  public PackitConfig load() {
    PackitConfigLoader loader = repositoryName.isEmpty() ? PackitConfigLoader.defaults()
        : PackitConfigLoader.builder().repositoryName(repositoryName).build();
    return loader.load(yaml, source);
  }
}
