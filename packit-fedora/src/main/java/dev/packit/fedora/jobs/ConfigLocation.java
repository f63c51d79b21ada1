package dev.packit.fedora.jobs;

import dev.packit.core.config.PackitConfigLoader;
import dev.packit.forge.FileContent;
import dev.packit.forge.Forge;
import dev.packit.forge.RepoId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the {@code .packit.yaml} for a trigger lives: a repository, upstream or in dist-git, and a
 * ref. Made by {@link ConfigResolver}.
 *
 * <pre>{@code
 * ConfigLocation where = resolver.locate(trigger).orElseThrow();
 * Optional<ConfigText> config = where.read(where.distGit() ? distGit : upstream);
 * }</pre>
 *
 * @param repository the repository, {@code namespace/name} on its forge
 * @param distGit whether it is a dist-git repository (else an upstream forge's)
 * @param ref the git ref (tag, commit or branch)
 * @param repositoryName the name package names default to when loading the config: the package in
 *     dist-git, empty upstream
 * @since 0.2.0
 */
public record ConfigLocation(String repository, boolean distGit, String ref, String repositoryName) {
  /** Validates the components. */
  public ConfigLocation {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(repositoryName, "repositoryName");
  }

  /**
   * Reads the config here: the first of {@link PackitConfigLoader#CONFIG_FILE_NAMES}.
   *
   * @param forge the forge that has {@link #repository()}
   * @return the config text, empty when the repository has none at the ref
   */
  public Optional<ConfigText> read(Forge forge) {
    RepoId repo = RepoId.of(repository);
    for (String name : PackitConfigLoader.CONFIG_FILE_NAMES) {
      Optional<FileContent> file = forge.file(repo, name, ref);
      if (file.isPresent()) {
        return Optional.of(new ConfigText(file.get().text(), repository + "@" + ref + "/" + name, repositoryName));
      }
    }
    return Optional.empty();
  }
}
