/**
 * packit-forge: GitHub, GitLab, Pagure and Forgejo behind one {@code Forge} API, webhook parsing and
 * verification, and local git through JGit. The forge set is open: {@code dev.packit.forge.spi} is
 * the plug-in SPI ({@code ForgeProvider}, found through the ServiceLoader, and the REST building
 * blocks), {@code dev.packit.forge.capability} the optional features.
 */
module dev.packit.forge {
  // Nullness annotations only (no run-time code): @NullMarked packages, @Nullable exceptions.
  requires static transitive org.jspecify;
  requires transitive dev.packit.core;
  requires org.eclipse.jgit;
  requires org.eclipse.jgit.ssh.apache;
  requires com.fasterxml.jackson.databind;

  exports dev.packit.forge;
  exports dev.packit.forge.git;
  exports dev.packit.forge.webhook;
  exports dev.packit.forge.github;
  exports dev.packit.forge.gitlab;
  exports dev.packit.forge.pagure;
  exports dev.packit.forge.forgejo;
  exports dev.packit.forge.capability;
  exports dev.packit.forge.spi;

  uses dev.packit.forge.spi.ForgeProvider;

  provides dev.packit.forge.spi.ForgeProvider with
      dev.packit.forge.internal.providers.GitHubProvider,
      dev.packit.forge.internal.providers.GitLabProvider,
      dev.packit.forge.internal.providers.PagureProvider,
      dev.packit.forge.internal.providers.ForgejoProvider;
}
