package dev.packit.bot.history;

import dev.packit.bot.config.BotConfig;
import dev.packit.bot.config.SecretFile;
import dev.packit.bot.internal.history.ConnectionPool;
import dev.packit.bot.internal.history.Migrations;
import dev.packit.core.Secret;
import java.net.URI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The job history in a SQL database: H2 in a file under the bot's folder by default (one command
 * runs the bot), PostgreSQL when several bot instances share the work. The schema is created and
 * upgraded by Flyway when the history opens.
 *
 * <pre>{@code
 * try (JobHistory history = JdbcJobHistory.embedded(Path.of("/var/lib/packit-bot/history"))) {
 *   history.queued(JobRecord.queued("job-1", "propose_downstream", "hello", List.of("rawhide"),
 *       "release 1.2.0 of github.com/acme/hello", Instant.now()));
 * }
 * // shared by several bot instances:
 * JobHistory shared = JdbcJobHistory.connect("jdbc:postgresql://db.example.org/packit", "packit",
 *     Secret.of(Files.readString(Path.of("/run/credentials/packit-bot.service/db-password")).strip()));
 * }</pre>
 *
 * <p>Recording the same job id twice keeps the first record, also when two bot instances race
 * (PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING}; H2: the primary key's unique violation).
 * Timestamps are stored as {@code TIMESTAMP WITH TIME ZONE} in UTC, to the microsecond (finer
 * parts are cut, as PostgreSQL would). Branches, results and links are rows of their own tables,
 * not JSON text, so the same plain SQL runs on both databases and a branch filter is an index
 * lookup.
 */
public final class JdbcJobHistory implements JobHistory {
  private static final String JOB_COLUMNS = "j.id, j.kind, j.package_name, j.trigger_text, j.state, j.queued_at, "
      + "j.started_at, j.finished_at, j.bot_instance, j.detail, j.retryable, j.request";

  private final DataSource dataSource;
  private final ConnectionPool ownPool;
  private final boolean postgres;
  private final String description;

  private JdbcJobHistory(DataSource dataSource, ConnectionPool ownPool, String description) {
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.description = description;
    try {
      Migrations.migrate(dataSource, null);
    } catch (RuntimeException e) {
      closePool();
      throw new HistoryException("cannot open or migrate the job history in " + description, e);
    }
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      closePool();
      throw new HistoryException("cannot open the job history in " + description, e);
    }
  }

  /**
   * The embedded default: an H2 database in {@code folder/history.mv.db}, created when missing.
   * Only one process may open the file at a time; share the work through PostgreSQL instead.
   *
   * @param folder the bot's history folder
   * @return the history; close it to close the file
   * @throws HistoryException when the file cannot be opened (for example, another process holds it)
   */
  public static JdbcJobHistory embedded(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    // ';' would end the path inside the JDBC URL and start an H2 setting
    if (dir.toString().contains(";")) {
      throw new IllegalArgumentException("history folder must not contain ';': " + dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new HistoryException("cannot create the history folder " + dir, e);
    }
    String url = "jdbc:h2:file:" + dir.resolve("history");
    ConnectionPool pool = new ConnectionPool(url, "", "", 8, Duration.ofSeconds(30));
    return new JdbcJobHistory(pool, pool, "H2 file " + dir.resolve("history.mv.db"));
  }

  /**
   * A history in the database at a JDBC URL (PostgreSQL: {@code jdbc:postgresql://host/db}; H2
   * URLs work too), with a pool of at most 8 connections.
   *
   * @param jdbcUrl the JDBC URL; put no password in it
   * @param user the database user, may be empty
   * @param password the password, {@code Secret.of("")} for none
   * @return the history; close it to close its connections
   */
  public static JdbcJobHistory connect(String jdbcUrl, String user, Secret password) {
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("not a JDBC URL (jdbc:postgresql://host/db): " + schemeOf(jdbcUrl));
    }
    ConnectionPool pool = new ConnectionPool(jdbcUrl, user, password.reveal(), 8, Duration.ofSeconds(30));
    return new JdbcJobHistory(pool, pool, schemeOf(jdbcUrl) + " database");
  }

  /**
   * A history in a database the application already has a pool for; closing the history leaves
   * the data source open.
   *
   * @param dataSource the data source
   * @return the history
   */
  public static JdbcJobHistory open(DataSource dataSource) {
    return new JdbcJobHistory(dataSource, null, "the given data source");
  }

  /**
   * The history a bot's config asks for: {@code history.kind} embedded or postgresql.
   *
   * <pre>{@code
   * BotConfig config = BotConfigLoader.builder().build().load(Path.of("/etc/packit-bot/packit-bot.yaml"));
   * try (JobHistory history = JdbcJobHistory.of(config.history())) { ... }
   * }</pre>
   *
   * @param config the {@code history} section
   * @return the history; close it when the bot stops
   */
  public static JdbcJobHistory of(BotConfig.History config) {
    if (config.kind() == BotConfig.HistoryKind.EMBEDDED) {
      return embedded(config.folder());
    }
    String url = config.url().orElseThrow(() -> new IllegalArgumentException("history.url is not set"));
    Secret password = config.passwordFile().map(SecretFile::read).orElse(Secret.of(""));
    return connect(url, config.user(), password);
  }

  private static String schemeOf(String url) {
    // "jdbc:postgresql" only: the rest may hold a host or a password parameter
    int first = url.indexOf(':');
    int second = first < 0 ? -1 : url.indexOf(':', first + 1);
    return second < 0 ? "jdbc" : url.substring(0, second);
  }

  /**
   * Whether this history writes to PostgreSQL (true) or another database such as H2 (false).
   *
   * @return true on PostgreSQL
   */
  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public boolean queued(JobRecord r) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      String insert = "INSERT INTO packit_job (id, kind, package_name, trigger_text, state, queued_at, started_at, "
          + "finished_at, bot_instance, detail, retryable, request) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
      int inserted;
      try (PreparedStatement ps = c.prepareStatement(postgres ? insert + " ON CONFLICT (id) DO NOTHING" : insert)) {
        ps.setString(1, r.id());
        ps.setString(2, r.kind());
        ps.setString(3, r.packageName());
        ps.setString(4, r.trigger());
        ps.setString(5, r.state().name());
        ps.setObject(6, utc(r.queuedAt()));
        ps.setObject(7, r.startedAt().map(JdbcJobHistory::utc).orElse(null));
        ps.setObject(8, r.finishedAt().map(JdbcJobHistory::utc).orElse(null));
        ps.setString(9, r.botInstance());
        ps.setString(10, r.detail());
        ps.setBoolean(11, r.retryable());
        ps.setString(12, r.request());
        inserted = ps.executeUpdate();
      } catch (SQLException e) {
        if ("23505".equals(e.getSQLState())) {
          // H2: another transaction recorded this id first
          c.rollback();
          return false;
        }
        throw e;
      }
      if (inserted == 0) {
        c.rollback();
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO packit_job_branch (job_id, position, branch) VALUES (?, ?, ?)")) {
        for (int i = 0; i < r.branches().size(); i++) {
          ps.setString(1, r.id());
          ps.setInt(2, i);
          ps.setString(3, r.branches().get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      insertResults(c, r.id(), r.branchResults());
      c.commit();
      return true;
    } catch (SQLException e) {
      throw new HistoryException("cannot record job " + r.id() + " in " + description, e);
    }
  }

  @Override
  public void started(String id, Instant at, String botInstance) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE packit_job SET state = ?, started_at = ?, finished_at = NULL, bot_instance = ? WHERE id = ?")) {
      ps.setString(1, JobState.RUNNING.name());
      ps.setObject(2, utc(at));
      ps.setString(3, botInstance == null ? "" : botInstance);
      ps.setString(4, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new HistoryException("cannot record the start of job " + id + " in " + description, e);
    }
  }

  @Override
  public void finished(String id, Instant at, JobState state, String detail, boolean retryable,
      List<BranchRecord> branches) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE packit_job SET state = ?, finished_at = ?, detail = ?, retryable = ? WHERE id = ?")) {
        ps.setString(1, state.name());
        ps.setObject(2, state.finished() ? utc(at) : null);
        ps.setString(3, detail == null ? "" : detail);
        ps.setBoolean(4, retryable);
        ps.setString(5, id);
        if (ps.executeUpdate() == 0) {
          c.rollback();
          return;
        }
      }
      // The row lock taken above serializes two finishes of the same job: results are replaced whole.
      for (String table : List.of("packit_branch_link", "packit_branch_result")) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
      }
      insertResults(c, id, branches);
      c.commit();
    } catch (SQLException e) {
      throw new HistoryException("cannot record the end of job " + id + " in " + description, e);
    }
  }

  private static void insertResults(Connection c, String id, List<BranchRecord> results) throws SQLException {
    if (results.isEmpty()) {
      return;
    }
    try (PreparedStatement rs = c.prepareStatement(
            "INSERT INTO packit_branch_result (job_id, position, branch, outcome, detail) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement ls = c.prepareStatement(
            "INSERT INTO packit_branch_link (job_id, position, name, url) VALUES (?, ?, ?, ?)")) {
      boolean links = false;
      for (int i = 0; i < results.size(); i++) {
        BranchRecord b = results.get(i);
        rs.setString(1, id);
        rs.setInt(2, i);
        rs.setString(3, b.branch());
        rs.setString(4, b.outcome());
        rs.setString(5, b.detail());
        rs.addBatch();
        for (Map.Entry<String, URI> l : b.links().entrySet()) {
          ls.setString(1, id);
          ls.setInt(2, i);
          ls.setString(3, l.getKey());
          ls.setString(4, l.getValue().toString());
          ls.addBatch();
          links = true;
        }
      }
      rs.executeBatch();
      if (links) {
        ls.executeBatch();
      }
    }
  }

  @Override
  public Optional<JobRecord> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM packit_job j WHERE j.id = ?")) {
      ps.setString(1, id);
      List<JobRecord> found = read(c, ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (SQLException e) {
      throw new HistoryException("cannot read job " + id + " from " + description, e);
    }
  }

  @Override
  public List<JobRecord> jobs(JobQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM packit_job j WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    query.packageName().ifPresent(p -> {
      sql.append(" AND j.package_name = ?");
      params.add(p);
    });
    query.kind().ifPresent(k -> {
      sql.append(" AND j.kind = ?");
      params.add(k);
    });
    query.state().ifPresent(s -> {
      sql.append(" AND j.state = ?");
      params.add(s.name());
    });
    query.branch().ifPresent(b -> {
      sql.append(" AND EXISTS (SELECT 1 FROM packit_job_branch b WHERE b.job_id = j.id AND b.branch = ?)");
      params.add(b);
    });
    sql.append(" ORDER BY j.queued_at DESC, j.id DESC FETCH FIRST ? ROWS ONLY");
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String p : params) {
        ps.setString(i++, p);
      }
      ps.setInt(i, query.limit());
      return read(c, ps);
    } catch (SQLException e) {
      throw new HistoryException("cannot list jobs from " + description, e);
    }
  }

  /** Reads the job rows of a query, then their branches, results and links in three more queries. */
  private static List<JobRecord> read(Connection c, PreparedStatement ps) throws SQLException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Row row = new Row(rs);
        rows.put(row.id, row);
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    String in = inList(rows.keySet());
    try (PreparedStatement q = c.prepareStatement(
        "SELECT job_id, branch FROM packit_job_branch WHERE job_id IN " + in + " ORDER BY job_id, position")) {
      bind(q, rows.keySet());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.get(rs.getString(1)).branches.add(rs.getString(2));
        }
      }
    }
    Map<String, Map<Integer, Map<String, URI>>> links = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement(
        "SELECT job_id, position, name, url FROM packit_branch_link WHERE job_id IN " + in)) {
      bind(q, rows.keySet());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          links.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
              .computeIfAbsent(rs.getInt(2), k -> new LinkedHashMap<>())
              .put(rs.getString(3), URI.create(rs.getString(4)));
        }
      }
    }
    try (PreparedStatement q = c.prepareStatement("SELECT job_id, position, branch, outcome, detail "
        + "FROM packit_branch_result WHERE job_id IN " + in + " ORDER BY job_id, position")) {
      bind(q, rows.keySet());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String job = rs.getString(1);
          Map<String, URI> l = links.getOrDefault(job, Map.of()).getOrDefault(rs.getInt(2), Map.of());
          rows.get(job).results.add(new BranchRecord(rs.getString(3), rs.getString(4), rs.getString(5), l));
        }
      }
    }
    return rows.values().stream().map(Row::record).toList();
  }

  private static String inList(Collection<String> ids) {
    return "(" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
  }

  private static void bind(PreparedStatement ps, Collection<String> ids) throws SQLException {
    int i = 1;
    for (String id : ids) {
      ps.setString(i++, id);
    }
  }

  /** One job row while its children are read. */
  private static final class Row {
    final String id;
    final String kind;
    final String packageName;
    final String trigger;
    final JobState state;
    final Instant queuedAt;
    final Optional<Instant> startedAt;
    final Optional<Instant> finishedAt;
    final String botInstance;
    final String detail;
    final boolean retryable;
    final String request;
    final List<String> branches = new ArrayList<>();
    final List<BranchRecord> results = new ArrayList<>();

    Row(ResultSet rs) throws SQLException {
      id = rs.getString(1);
      kind = rs.getString(2);
      packageName = rs.getString(3);
      trigger = rs.getString(4);
      state = JobState.valueOf(rs.getString(5));
      queuedAt = instant(rs, 6).orElseThrow();
      startedAt = instant(rs, 7);
      finishedAt = instant(rs, 8);
      botInstance = rs.getString(9);
      detail = rs.getString(10);
      retryable = rs.getBoolean(11);
      request = rs.getString(12);
    }

    JobRecord record() {
      return new JobRecord(id, kind, packageName, branches, trigger, state, queuedAt, startedAt, finishedAt,
          botInstance, detail, retryable, results, request);
    }
  }

  @Override
  public List<String> packages() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT DISTINCT package_name FROM packit_job "
            + "UNION SELECT DISTINCT package_name FROM packit_reconcile_decision");
        ResultSet rs = ps.executeQuery()) {
      // sorted here, not by the database, so the order does not depend on its collation
      TreeSet<String> out = new TreeSet<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw new HistoryException("cannot list packages from " + description, e);
    }
  }

  @Override
  public void decided(ReconcileDecision d) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO packit_reconcile_decision "
            + "(decided_at, package_name, branch, kind, reason, job_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, utc(d.at()));
      ps.setString(2, d.packageName());
      ps.setString(3, d.branch());
      ps.setString(4, d.kind());
      ps.setString(5, d.reason());
      ps.setString(6, d.jobId());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new HistoryException("cannot record a reconciliation decision for " + d.packageName() + " in " + description, e);
    }
  }

  @Override
  public List<ReconcileDecision> decisions(String packageName, int limit) {
    if (limit < 1) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT decided_at, package_name, branch, kind, reason, job_id "
            + "FROM packit_reconcile_decision WHERE package_name = ? ORDER BY decided_at DESC, seq DESC "
            + "FETCH FIRST ? ROWS ONLY")) {
      ps.setString(1, packageName);
      ps.setInt(2, limit);
      List<ReconcileDecision> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ReconcileDecision(instant(rs, 1).orElseThrow(), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new HistoryException("cannot read reconciliation decisions for " + packageName + " from " + description, e);
    }
  }

  /** Closes the connections this history opened (not a data source given to {@link #open}). */
  @Override
  public void close() {
    closePool();
  }

  private void closePool() {
    if (ownPool != null) {
      ownPool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcJobHistory[" + description + "]";
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }
}
