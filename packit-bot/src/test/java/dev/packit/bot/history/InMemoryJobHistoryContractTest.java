package dev.packit.bot.history;

/** The contract on {@link InMemoryJobHistory}. */
class InMemoryJobHistoryContractTest extends JobHistoryContract {
  @Override
  JobHistory create() {
    return new InMemoryJobHistory();
  }
}
