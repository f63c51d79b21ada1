package dev.packit.core.config;

/**
 * A distribution release as aliases expand to it: its name-version and its dist-git branch.
 *
 * <pre>{@code
 * Distro rawhide = new Distro("fedora-rawhide", "rawhide");
 * }</pre>
 *
 * @param namever e.g. {@code fedora-42}, {@code fedora-rawhide}, {@code epel-10.1}
 * @param branch e.g. {@code f42}, {@code rawhide}, {@code epel10.1}
 */
public record Distro(String namever, String branch) {}
