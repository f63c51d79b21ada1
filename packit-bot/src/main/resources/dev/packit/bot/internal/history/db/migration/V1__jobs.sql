-- packit-bot job history, version 1: jobs, the branches each job was for, per-branch results and
-- their links. Plain SQL that H2 2.x and PostgreSQL 13+ both run: VARCHAR without a length is
-- unbounded on both; TIMESTAMP WITH TIME ZONE is written as UTC by JdbcJobHistory.

CREATE TABLE packit_job (
  id            VARCHAR(255) NOT NULL PRIMARY KEY,
  kind          VARCHAR(100) NOT NULL,
  package_name  VARCHAR(255) NOT NULL,
  trigger_text  VARCHAR NOT NULL,
  state         VARCHAR(20) NOT NULL,
  queued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at    TIMESTAMP WITH TIME ZONE,
  finished_at   TIMESTAMP WITH TIME ZONE,
  bot_instance  VARCHAR(255) NOT NULL,
  detail        VARCHAR NOT NULL,
  retryable     BOOLEAN NOT NULL,
  request       VARCHAR NOT NULL
);

-- The job list is read newest first, often narrowed to a package, a state or a kind.
CREATE INDEX packit_job_queued ON packit_job (queued_at DESC, id DESC);
CREATE INDEX packit_job_package ON packit_job (package_name, queued_at DESC);
CREATE INDEX packit_job_state ON packit_job (state, queued_at DESC);
CREATE INDEX packit_job_kind ON packit_job (kind, queued_at DESC);

-- The branches a job was queued for, in the order given.
CREATE TABLE packit_job_branch (
  job_id    VARCHAR(255) NOT NULL REFERENCES packit_job (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  branch    VARCHAR(255) NOT NULL,
  PRIMARY KEY (job_id, position)
);
CREATE INDEX packit_job_branch_branch ON packit_job_branch (branch, job_id);

-- What the job did on each branch, once finished (replaced on every finish).
CREATE TABLE packit_branch_result (
  job_id    VARCHAR(255) NOT NULL REFERENCES packit_job (id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  branch    VARCHAR(255) NOT NULL,
  outcome   VARCHAR(20) NOT NULL,
  detail    VARCHAR NOT NULL,
  PRIMARY KEY (job_id, position)
);

-- Named links of a branch result ("pull request", "koji build", "bodhi update").
CREATE TABLE packit_branch_link (
  job_id    VARCHAR(255) NOT NULL,
  position  INTEGER NOT NULL,
  name      VARCHAR(100) NOT NULL,
  url       VARCHAR(2048) NOT NULL,
  PRIMARY KEY (job_id, position, name),
  FOREIGN KEY (job_id, position) REFERENCES packit_branch_result (job_id, position) ON DELETE CASCADE
);
-- Finds the job behind a pull request, build or update URL.
CREATE INDEX packit_branch_link_url ON packit_branch_link (url);
