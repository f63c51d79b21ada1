package dev.packit.fedora.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.packit.core.InvalidInputException;
import dev.packit.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A queue entry is text someone else stored: whatever it holds, {@link JobRequest#fromJson} gives a
 * request that writes back to an equal one, or an {@link InvalidInputException}; never another
 * exception (a record's own check leaking as {@code NullPointerException}, say).
 */
class JobRequestFuzzTest {
  @Test
  void anyQueueEntryReadsBackOrFailsWithInvalidInput() {
    Fuzz fuzz = Fuzz.target("job-request");
    for (JobRequest r : JobRequestJsonTest.everyKind()) {
      fuzz.seed(r.toJson());
    }
    fuzz.tokens("{", "}", "[", "]", "\"kind\"", "\"on\"", "\"version\":1", "\"version\":2", "\"branches\":[]", "\"branches\":[\"\"]",
            "\"koji_build\"", "\"side_tag\"", "\"push\"", "\"request\"", "null", "true", "-1", "9223372036854775808", "1.5",
            "\"\\ud800\"", "\"\\u0000\"", "\"config\":{}", "\"changed_files\":[]", "[[[[[[[[[[[[")
        .expect(InvalidInputException.class)
        .run(bytes -> {
          JobRequest read = JobRequest.fromJson(new String(bytes, StandardCharsets.UTF_8));
          assertEquals(read, JobRequest.fromJson(read.toJson()));
        });
  }
}
