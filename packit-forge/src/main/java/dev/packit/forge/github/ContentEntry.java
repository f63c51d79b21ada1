package dev.packit.forge.github;

/**
 * One entry of a directory listing of the contents API.
 *
 * <pre>{@code
 * gitHub.directory(RepoId.of("packit/ogr"), "", "main").forEach(e -> System.out.println(e.path()));
 * }</pre>
 *
 * @param name the file name
 * @param path the path in the repository
 * @param type {@code file}, {@code dir}, {@code symlink} or {@code submodule}
 * @param sha the blob or tree sha
 * @param size the size in bytes (0 for directories)
 */
public record ContentEntry(String name, String path, String type, String sha, long size) {}
