package dev.packit.forge.gitlab;

import dev.packit.forge.Forge;
import dev.packit.forge.RepoId;
import dev.packit.forge.Tag;
import java.util.Optional;

/**
 * The GitLab {@link Forge}, with what only GitLab has.
 *
 * <pre>{@code
 * GitLabForge gl = GitLab.builder().credentials(ForgeCredentials.token(System.getenv("GITLAB_TOKEN"))).build();
 * Optional<Tag> tag = gl.tag(RepoId.of("packit-service/ogr-tests"), "0.1.0");
 * }</pre>
 */
public interface GitLabForge extends Forge {
  /**
   * Looks up one tag.
   *
   * @param repo the project
   * @param name the tag
   * @return the tag, or empty on 404
   */
  Optional<Tag> tag(RepoId repo, String name);
}
