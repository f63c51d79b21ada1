package dev.packit.fedora.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.packit.core.PackitClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The one parallel-run helper: results in order, the caller runs what no pool thread took. */
class ParallelTest {

  @Test
  void aPoolThatTakesNothingLeavesTheWorkToTheCallerInOrder() {
    Executor refusing = r -> {
      throw new RejectedExecutionException("full");
    };
    List<String> ran = new ArrayList<>();
    Map<String, FutureTask<String>> tasks = Parallel.start(refusing, List.of("f43", "f42", "f41"), b -> () -> {
      ran.add(b + "@" + Thread.currentThread().getName());
      return b.toUpperCase(java.util.Locale.ROOT);
    });
    List<String> results = tasks.values().stream().map(Parallel::await).toList();
    assertEquals(List.of("F43", "F42", "F41"), results);
    String me = Thread.currentThread().getName();
    assertEquals(List.of("f43@" + me, "f42@" + me, "f41@" + me), ran);
  }

  @Test
  void oneTaskIsNotOfferedToThePoolAndFailuresComeOutAsThrown() {
    List<Runnable> offered = new ArrayList<>();
    Map<String, FutureTask<String>> one = Parallel.start(offered::add, List.of("rawhide"), b -> () -> {
      throw new PackitClientException("no spec on " + b);
    });
    assertEquals(List.of(), offered, "a single branch runs in the caller's thread");
    PackitClientException e = assertThrows(PackitClientException.class, () -> Parallel.await(one.get("rawhide")));
    assertEquals("no spec on rawhide", e.getMessage());
    // a task the pool already ran is not run again
    Map<String, FutureTask<Object>> two = Parallel.start(Runnable::run, List.of("a", "b"), b -> Object::new);
    Object first = Parallel.await(two.get("a"));
    assertSame(first, Parallel.await(two.get("a")));
  }
}
