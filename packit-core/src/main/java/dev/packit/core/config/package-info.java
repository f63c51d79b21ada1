/**
 * The typed {@code .packit.yaml} model: load with {@link dev.packit.core.config.PackitConfigLoader},
 * work with {@link dev.packit.core.config.PackitConfig} and its job views, resolve target and branch
 * aliases with {@link dev.packit.core.config.DistroAliases}.
 *
 * <pre>{@code
 * PackitConfig config = PackitConfigLoader.defaults().load(Path.of("."));
 * for (JobView job : config.jobViews(JobType.PROPOSE_DOWNSTREAM)) {
 *   System.out.println(job.packageName() + ": " + job.config().distGitBranches().names());
 * }
 * }</pre>
 */
@NullMarked
package dev.packit.core.config;

import org.jspecify.annotations.NullMarked;
