package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import dev.packit.core.config.CommonConfig;
import dev.packit.core.config.JobType;
import dev.packit.core.config.JobView;
import dev.packit.core.config.PackitConfig;
import dev.packit.core.config.PackitConfigLoader;
import dev.packit.forge.FileContent;
import dev.packit.forge.RepoId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a job's config comes from: the job's view of the package config, dist-git's {@code .packit.yaml}. */
final class Configs {
  private Configs() {}

  /** The config a job of a package runs with: its job's view, else the package's, else the single package's. */
  static CommonConfig jobConfig(PackitConfig config, JobType type, String packageName) {
    List<JobView> views = config.jobViews(type);
    for (JobView v : views) {
      if (packageName.isEmpty() || v.packageName().equals(packageName)) {
        return v.config();
      }
    }
    if (!packageName.isEmpty()) {
      return config.packageConfig(packageName)
          .orElseThrow(() -> new PackitClientException("no package '" + packageName + "' in the config"));
    }
    return config.singlePackage();
  }

  /** The package's config on a dist-git branch, asked from the forge; empty when the branch has none. */
  static Optional<PackitConfig> fromDistGit(WorkflowContext ctx, String pkg, String branch) {
    RepoId repo = ctx.distGitRepo(pkg);
    for (String name : PackitConfigLoader.CONFIG_FILE_NAMES) {
      Optional<FileContent> f = ctx.distGit().file(repo, name, branch);
      if (f != null && f.isPresent()) {
        return Optional.of(PackitConfigLoader.builder().repositoryName(pkg).build().load(f.get().bytes(), repo.path() + "/" + name));
      }
    }
    return Optional.empty();
  }

  /** See {@link ReleaseWorkflow#distGitConfig(String)}. */
  static PackitConfig distGitConfig(WorkflowContext ctx, String pkg) {
    return fromDistGit(ctx, pkg, ctx.defaultBranch()).orElseThrow(() -> new PackitClientException(
        "no .packit.yaml on the " + ctx.defaultBranch() + " branch of dist-git " + ctx.distGitRepo(pkg).path()));
  }

  /** The package's config in a dist-git checkout (regular files only); empty when it has none. */
  static Optional<PackitConfig> readIn(Path checkout, String pkg) {
    for (String name : PackitConfigLoader.CONFIG_FILE_NAMES) {
      Path f = checkout.resolve(name);
      if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        try {
          return Optional.of(PackitConfigLoader.builder().repositoryName(pkg).build().load(Files.readAllBytes(f), name));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + name, e);
        }
      }
    }
    return Optional.empty();
  }
}
