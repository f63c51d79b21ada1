package dev.packit.core.internal.spec;

import dev.packit.core.spec.ChangelogEntry;
import dev.packit.core.spec.Section;
import java.util.ArrayList;
import java.util.List;

/** Splits a {@code %changelog} section into entries and parses their headers. */
public final class ChangelogParser {
  private ChangelogParser() {}

  /** Header fields: date, author, evr. */
  public record Header(String date, String author, String evr, boolean extended, String padding) {}

  public static List<ChangelogEntry> entries(SpecText text, Section s) {
    List<ChangelogEntry> out = new ArrayList<>();
    int start = -1;
    List<String> body = new ArrayList<>();
    for (int i = s.line(); i < s.endLine(); i++) {
      String l = text.line(i);
      if (l.startsWith("*") && (start < 0 || hasContent(body))) {
        if (start >= 0) {
          out.add(entry(text, start, body));
        }
        start = i;
        body = new ArrayList<>();
      } else if (start >= 0) {
        body.add(SpecText.toDisplay(l));
      }
    }
    if (start >= 0) {
      out.add(entry(text, start, body));
    }
    return out;
  }

  private static boolean hasContent(List<String> body) {
    for (String b : body) {
      if (!b.isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static ChangelogEntry entry(SpecText text, int line, List<String> body) {
    int e = body.size();
    while (e > 0 && body.get(e - 1).isBlank()) {
      e--;
    }
    String header = SpecText.toDisplay(text.line(line));
    Header h = parseHeader(header);
    return new ChangelogEntry(header, h.date(), h.author(), h.evr(), body.subList(0, e), line + 1);
  }

  /** Parses {@code * Wkd Mon DD YYYY Author <mail> - EVR} (or the extended date with time and zone). */
  public static Header parseHeader(String header) {
    String rest = header.substring(1).strip();
    String[] tok = rest.split("\\s+");
    int dateTokens = 4;
    boolean extended = false;
    if (tok.length >= 6 && tok[3].matches("\\d{1,2}:\\d{2}(:\\d{2})?")) {
      dateTokens = 6;
      extended = true;
    }
    if (tok.length < dateTokens) {
      return new Header(rest, "", "", false, "0");
    }
    // find where the date ends in the original text
    int pos = 0;
    for (int k = 0; k < dateTokens; k++) {
      pos = rest.indexOf(tok[k], pos) + tok[k].length();
    }
    String date = rest.substring(0, pos);
    String padding = "";
    int dayStart = rest.indexOf(tok[1]) + tok[1].length();
    String between = rest.substring(dayStart, rest.indexOf(tok[2], dayStart));
    if (tok[2].length() == 2 && tok[2].startsWith("0")) {
      padding = "0";
    } else if (tok[2].length() == 1 && between.length() == 2) {
      padding = " ";
    } else if (tok[2].length() == 1) {
      padding = "";
    } else {
      padding = null; // two-digit day: padding unknown
    }
    String tail = rest.substring(pos).strip();
    String author = tail;
    String evr = "";
    int dash = tail.lastIndexOf(" - ");
    if (dash >= 0 && !tail.substring(dash + 3).strip().contains(" ")) {
      author = tail.substring(0, dash).strip();
      evr = tail.substring(dash + 3).strip();
    } else if (tail.endsWith("-") && tail.length() > 1) {
      author = tail.substring(0, tail.length() - 1).strip();
    } else {
      int gt = tail.lastIndexOf('>');
      String after = gt >= 0 ? tail.substring(gt + 1).strip() : "";
      if (!after.isEmpty() && !after.contains(" ") && after.matches(".*\\d.*")) {
        author = tail.substring(0, gt + 1).strip();
        evr = after;
      }
    }
    if (evr.startsWith("[") || evr.startsWith("(")) {
      evr = evr.substring(1);
    }
    if (evr.endsWith("]") || evr.endsWith(")") || evr.endsWith(":")) {
      evr = evr.substring(0, evr.length() - 1);
    }
    return new Header(date, author, evr, extended, padding);
  }
}
