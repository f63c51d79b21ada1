package dev.packit.bot.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: H2 in a file under a temporary bot folder. */
class H2JobHistoryTest extends JdbcJobHistoryContract {
  @TempDir
  Path dir;

  @Override
  JobHistory create() {
    return JdbcJobHistory.embedded(dir.resolve("main"));
  }

  @Override
  String jdbcUrl(String db) {
    return "jdbc:h2:file:" + dir.resolve(db).resolve("history");
  }

  @Override
  String user() {
    return "";
  }

  @Override
  String password() {
    return "";
  }

  @Test
  void aRecordSurvivesReopeningTheFile() {
    history.queued(full("j1"));
    history.started("j1", T0.plusSeconds(1), "bot-a");
    history.finished("j1", T0.plusSeconds(2), JobState.DONE, "", false,
        List.of(new BranchRecord("rawhide", "done", "", Map.of("pull request", URI.create("https://example.test/pr/1")))));
    JobRecord before = history.find("j1").orElseThrow();
    history.close();
    history = null;
    assertTrue(Files.isRegularFile(dir.resolve("main/history.mv.db")));
    try (JdbcJobHistory reopened = JdbcJobHistory.embedded(dir.resolve("main"))) {
      assertEquals(before, reopened.find("j1").orElseThrow());
      assertEquals(List.of("hello"), reopened.packages());
    }
  }

  @Test
  void theConfigsEmbeddedHistoryIsTheFileInItsFolder() {
    history.close();
    history = null;
    var config = new dev.packit.bot.config.BotConfig.History(dev.packit.bot.config.BotConfig.HistoryKind.EMBEDDED,
        dir.resolve("from-config"), java.util.Optional.empty(), "", java.util.Optional.empty());
    try (JdbcJobHistory h = JdbcJobHistory.of(config)) {
      h.queued(full("j1"));
      assertFalse(h.isPostgres());
    }
    assertTrue(Files.isRegularFile(dir.resolve("from-config/history.mv.db")));
  }

  @Test
  void aFolderThatWouldBreakTheUrlIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JdbcJobHistory.embedded(dir.resolve("a;MODE=MySQL")));
    assertTrue(e.getMessage().contains("must not contain ';'"), e.getMessage());
  }

  @Test
  void anUnreachableDatabaseIsARetryableFailureThatHidesThePassword() {
    HistoryException e = assertThrows(HistoryException.class, () -> JdbcJobHistory.connect(
        "jdbc:postgresql://127.0.0.1:1/packit?connectTimeout=2", "packit", dev.packit.core.Secret.of("hunter2")));
    assertTrue(e.retryable(), e.sqlState() + " " + e.getMessage());
    assertTrue(e.sqlState().startsWith("08"), e.sqlState());
    assertTrue(e.getMessage().startsWith("cannot open or migrate the job history in jdbc:postgresql database"), e.getMessage());
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void theEmbeddedHistoryIsNotPostgres() {
    assertEquals(false, ((JdbcJobHistory) history).isPostgres());
  }
}
