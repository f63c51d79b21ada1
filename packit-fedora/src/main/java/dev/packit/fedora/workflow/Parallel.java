package dev.packit.fedora.workflow;

import dev.packit.core.PackitClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The one way the workflow runs branches in parallel: each branch is a task offered to the
 * executor; the caller then takes the results in order and runs any task no executor thread has
 * picked up itself. So a caller on the executor's own threads (one bounded pool for jobs and
 * branches) never waits for work queued behind itself.
 */
final class Parallel {
  private Parallel() {}

  /**
   * Starts one task per key (on the executor when there is more than one) and returns them in key order.
   *
   * @param executor where the tasks may run
   * @param keys the branches
   * @param work the task for a key
   */
  static <K, T> Map<K, FutureTask<T>> start(Executor executor, List<K> keys, Function<K, Callable<T>> work) {
    Map<K, FutureTask<T>> tasks = new LinkedHashMap<>();
    for (K key : keys) {
      FutureTask<T> task = new FutureTask<>(work.apply(key));
      tasks.put(key, task);
      if (keys.size() > 1) {
        try {
          executor.execute(task);
        } catch (RejectedExecutionException rejected) {
          // await runs it in the caller's thread
        }
      }
    }
    return tasks;
  }

  /**
   * The task's result, running it in this thread if no executor thread has started it (a
   * FutureTask runs once); its exception as the task threw it.
   */
  static <T> T await(FutureTask<T> task) {
    try {
      task.run();
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.cancel(true);
      throw new PackitClientException("interrupted while waiting for a branch");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }
}
