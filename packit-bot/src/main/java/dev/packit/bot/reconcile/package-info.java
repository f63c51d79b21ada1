/**
 * Reconciliation: on an interval, per watched package, compare what should be (the latest
 * upstream release and the {@code .packit.yaml} jobs) with what is (each dist-git branch's spec,
 * the bot's open pull requests, Koji builds, Bodhi updates) and enqueue the jobs that are missing.
 * It catches lost messages and multi-commit pushes; it never enqueues what the event path already
 * has queued or running, and never retries a job it enqueued before for the same target.
 *
 * <pre>{@code
 * Reconciler reconciler = Reconciler.builder()
 *     .observer(observer).sink(queue::enqueue).history(history).botUser("packit")
 *     .watch(new WatchedPackage("hello", RepoId.of("acme/hello"), config))
 *     .build();
 * reconciler.start(Duration.ofMinutes(30));
 * }</pre>
 *
 * <p>The rules are pure functions ({@link ReconcileRules}); observation ({@link PackageObserver},
 * {@link ForgeObserver}) and acting ({@link Reconciler}) are kept apart so the rules are tested in
 * milliseconds.
 */
@NullMarked
package dev.packit.bot.reconcile;

import org.jspecify.annotations.NullMarked;
