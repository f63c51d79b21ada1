package dev.packit.testkit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One ref update received by the sandbox's git server, reported after the push succeeded
 * (like a {@code post-receive} hook line).
 *
 * <pre>{@code
 * sandbox.onGitPush(push -> System.out.println(push.repository() + " " + push.ref() + " -> " + push.newId()));
 * }</pre>
 *
 * @param repository the repository name as in {@link FedoraSandbox#gitUri(String)}, e.g. {@code rpms/hello}
 * @param directory the bare repository folder
 * @param ref the full ref name, e.g. {@code refs/heads/rawhide}
 * @param oldId the previous id, all zeros when the ref was created
 * @param newId the new id, all zeros when the ref was deleted
 * @param forced whether the update was not a fast-forward
 */
public record GitPush(String repository, Path directory, String ref, String oldId, String newId, boolean forced) {
  /** Validates the components. */
  public GitPush {
    Objects.requireNonNull(repository, "repository == null");
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(ref, "ref == null");
    Objects.requireNonNull(oldId, "oldId == null");
    Objects.requireNonNull(newId, "newId == null");
  }
}
